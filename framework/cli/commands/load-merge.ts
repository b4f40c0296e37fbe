/**
 * `nova load merge <summary.json...>`: merges the summaries of several
 * generators that ran one scenario at the same time into one, with exact
 * percentiles from their HDR histograms, and evaluates the thresholds again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';

import {
  brokenThresholds,
  describeBrokenThreshold,
  formatSummary,
  mergeSummaries,
  writeScenarioFiles,
  type LoadSummary,
} from '../../load/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { printJson, type Output } from '../output.ts';

async function readSummary(path: string): Promise<LoadSummary> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CommandFailure(`Failed to read ${path}: ${(error as Error).message}.`, 2);
  }
  try {
    const summary = JSON.parse(text) as LoadSummary;
    if (typeof summary.histogram !== 'string' || typeof summary.scenario !== 'string') {
      throw new Error('it has no "scenario" or no "histogram"');
    }
    return summary;
  } catch (error) {
    throw new CommandFailure(
      `${path} is not a load summary (${(error as Error).message}). Pass the summary.json files that \`nova load\` writes.`,
      2,
    );
  }
}

export function registerLoadMergeCommand(load: Command, output: Output): void {
  load
    .command('merge')
    .description(
      'Merge the summary.json files of several generators of one scenario into one summary',
    )
    .exitOverride()
    .argument('<summaries...>', 'summary.json files written by `nova load`')
    .option(
      '--out <folder>',
      'folder for the merged summary.json and charts',
      join('reports', 'load', 'merged'),
    )
    .option('--json', 'print the merged summary as JSON instead of a table')
    .action(async (paths: string[], options: { out: string; json?: boolean }) => {
      const summaries = await Promise.all(paths.map(readSummary));
      let merged: LoadSummary;
      try {
        merged = mergeSummaries(summaries);
      } catch (error) {
        throw new CommandFailure((error as Error).message, 2);
      }
      await writeScenarioFiles(merged, options.out);

      if (options.json) printJson(output, merged);
      else
        output.write(
          formatSummary(merged) + `  files: ${options.out}/ (summary.json, latency.svg, rps.svg)\n`,
        );

      const broken = brokenThresholds(merged);
      if (broken.length > 0) {
        throw new CommandFailure(
          `Load threshold broken in "${merged.scenario}" (merged):\n` +
            broken.map((threshold) => `  ✗ ${describeBrokenThreshold(threshold)}`).join('\n'),
          1,
        );
      }
    });
}
