/**
 * Runs a scenario inside a Playwright test, so that its result reaches the
 * reporters: the summary as the `nova-load` attachment (which the results
 * reporter stores in load_summaries), and the charts and text summary as
 * attachments that the HTML and Allure reports show.
 */
import type { TestInfo } from '@playwright/test';

import { applySmoke, checkTarget, allowedHostsFrom, validateScenario } from './options.ts';
import { runScenario } from './run-scenario.ts';
import type { LoadScenarioFile } from './scenario.ts';
import { brokenThresholds, machineLabel, type LoadSummary } from './summary.ts';
import { formatSummary } from './summary-format.ts';
import { describeBrokenThreshold } from './thresholds.ts';

export const LOAD_ATTACHMENT_NAME = 'nova-load';
export const LOAD_ATTACHMENT_CONTENT_TYPE = 'application/vnd.nova.load+json';

/** The message of a failed load test; it starts as every layer's reporters expect. */
export function thresholdFailureMessage(summary: LoadSummary): string {
  const broken = brokenThresholds(summary);
  return (
    `Load threshold broken in "${summary.scenario}": ` +
    broken.map((threshold) => describeBrokenThreshold(threshold)).join('; ')
  );
}

export async function runLoadInTest(
  testInfo: TestInfo,
  options: {
    file: LoadScenarioFile;
    /** File name under perf/ without `.ts`, the first part of the scenario id. */
    fileName: string;
    scenario: string;
    baseURL: string;
    /** Runs the scenario's smoke replacements; default true. */
    smoke?: boolean;
  },
): Promise<LoadSummary> {
  const definition = options.file.scenarios[options.scenario];
  if (definition === undefined) {
    throw new Error(
      `Unknown load scenario "${options.scenario}" in perf/${options.fileName}.ts; it has ${Object.keys(options.file.scenarios).join(', ')}.`,
    );
  }
  const id = `${options.fileName}/${options.scenario}`;
  const scenario = options.smoke === false ? definition : applySmoke(definition);
  const validated = validateScenario(id, options.file.system, scenario);
  checkTarget(options.baseURL, options.file.system, allowedHostsFrom());

  const { summary, files } = await runScenario(validated, {
    baseURL: options.baseURL,
    machine: machineLabel(),
    profile: options.smoke === false ? 'full' : 'smoke',
    outputDir: testInfo.outputPath('load'),
  });

  await testInfo.attach(LOAD_ATTACHMENT_NAME, {
    body: JSON.stringify(summary),
    contentType: LOAD_ATTACHMENT_CONTENT_TYPE,
  });
  await testInfo.attach('load summary', {
    body: formatSummary(summary),
    contentType: 'text/plain',
  });
  await testInfo.attach('latency histogram', {
    path: files.latencyChart,
    contentType: 'image/svg+xml',
  });
  await testInfo.attach('requests per second', {
    path: files.rpsChart,
    contentType: 'image/svg+xml',
  });
  if (!summary.reliable) {
    testInfo.annotations.push({
      type: 'load-unreliable',
      description: summary.unreliableReason ?? '',
    });
  }

  if (brokenThresholds(summary).length > 0) throw new Error(thresholdFailureMessage(summary));
  return summary;
}
