/**
 * Evaluates the sentiment model and writes systems-under-test/sentiment/evaluation/metrics.json:
 * npm run eval:sentiment [-- --out FILE]. Prints the accuracy of the model and the baseline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { DEFAULT_METRICS_FILE, evaluateModel } from './evaluate.ts';

function main(): number {
  let out: string;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
    out = resolve(values.out ?? DEFAULT_METRICS_FILE);
  } catch (error) {
    console.error(
      `Error: ${error instanceof Error ? error.message : String(error)}. Usage: npm run eval:sentiment -- [--out FILE]`,
    );
    return 2;
  }

  const report = evaluateModel();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');

  console.log(
    `Evaluated ${report.dataset.size} sentences: accuracy ${report.model.accuracy} ` +
      `(baseline ${report.baseline.accuracy}), neutral share ${report.model.neutralShare}. Wrote ${out}`,
  );
  return 0;
}

process.exitCode = main();
