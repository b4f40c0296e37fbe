/**
 * Runs one validated scenario end to end: load, summary, and the files next
 * to it (summary.json, latency.svg, rps.svg, summary.txt).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { latencyHistogramSvg, rpsOverTimeSvg } from './charts.ts';
import { runEngine, type LoadProgress } from './engine.ts';
import type { ValidatedScenario } from './options.ts';
import { buildSummary, type LoadSummary } from './summary.ts';
import { formatSummary } from './summary-format.ts';

export interface ScenarioFiles {
  summary: string;
  latencyChart: string;
  rpsChart: string;
  text: string;
}

export interface ScenarioRun {
  summary: LoadSummary;
  files: ScenarioFiles;
}

/** The folder name of a scenario's files: its id with `/` replaced. */
export function scenarioFolderName(id: string): string {
  return id.replace(/[^\w.-]+/g, '-');
}

export async function runScenario(
  validated: ValidatedScenario,
  options: {
    baseURL: string;
    machine: string;
    profile: 'full' | 'smoke';
    outputDir: string;
    generatorLabel?: string;
    onProgress?: (progress: LoadProgress) => void;
    signal?: AbortSignal;
  },
): Promise<ScenarioRun> {
  const startedAt = new Date();
  const result = await runEngine(validated, options.baseURL, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const summary = buildSummary(validated, result, {
    startedAt,
    machine: options.machine,
    profile: options.profile,
    ...(options.generatorLabel ? { generatorLabel: options.generatorLabel } : {}),
  });
  const files = await writeScenarioFiles(summary, options.outputDir);
  return { summary, files };
}

/** Writes the summary and its charts into `outputDir`. */
export async function writeScenarioFiles(
  summary: LoadSummary,
  outputDir: string,
): Promise<ScenarioFiles> {
  await mkdir(outputDir, { recursive: true });
  const files: ScenarioFiles = {
    summary: join(outputDir, 'summary.json'),
    latencyChart: join(outputDir, 'latency.svg'),
    rpsChart: join(outputDir, 'rps.svg'),
    text: join(outputDir, 'summary.txt'),
  };
  await writeFile(files.summary, JSON.stringify(summary, null, 2) + '\n');
  await writeFile(files.latencyChart, latencyHistogramSvg(summary));
  await writeFile(files.rpsChart, rpsOverTimeSvg(summary));
  await writeFile(files.text, formatSummary(summary));
  return files;
}
