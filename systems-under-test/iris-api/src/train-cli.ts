/**
 * Command line for the Iris training pipeline: npm run train:iris -- [--seed N] [--out DIR].
 * Exit codes: 0 on success, 2 for an invalid option or an unwritable output folder, 1 otherwise.
 */
import { resolve } from 'node:path';

import { ArtifactWriteError, writeTrainingRun } from './artifact-store.ts';
import { DEFAULT_ARTIFACTS_DIR } from './artifact-files.ts';
import { UsageError, parseIntegerInRange, parseOptionArgs } from './cli-args.ts';
import { DEFAULT_SEED, MAX_SEED, trainIrisModel } from './train.ts';

const HELP = `Usage: npm run train:iris -- [--seed N] [--out DIR]

Trains the Iris random forest and the logistic-regression baseline, evaluates both on a
stratified 30% holdout and writes model-<version>.json, metrics.json and current.json.

Options:
  --seed N    Seed for the split and the forest, an integer from 0 to ${MAX_SEED} (default ${DEFAULT_SEED}).
  --out DIR   Output folder, created if missing (default ${DEFAULT_ARTIFACTS_DIR}).
  --help      Print this help.`;

const formatPercent = (share: number): string => `${(share * 100).toFixed(1)}%`;

async function run(argv: readonly string[]): Promise<void> {
  const args = parseOptionArgs(argv, ['seed', 'out']);
  if (args.help) {
    console.log(HELP);
    return;
  }

  const seedText = args.values.get('seed');
  const seed =
    seedText === undefined
      ? DEFAULT_SEED
      : parseIntegerInRange(seedText, 0, MAX_SEED, '--seed value', '--seed 42');
  const outText = args.values.get('out');
  if (outText === '') {
    throw new UsageError(
      'Invalid --out value "": pass a directory path, for example --out ./artifacts.',
    );
  }
  const outDir = resolve(outText ?? DEFAULT_ARTIFACTS_DIR);

  const training = trainIrisModel({ seed });
  const written = await writeTrainingRun(training, outDir);

  const { metrics } = training;
  console.log(`Trained ${metrics.algorithm} with seed ${seed}.`);
  console.log(
    `Holdout (${metrics.holdoutSize} samples): random forest accuracy ${formatPercent(metrics.accuracy)}, ` +
      `baseline accuracy ${formatPercent(metrics.baseline.accuracy)}.`,
  );
  if (metrics.baseline.accuracy > metrics.accuracy) {
    console.log('Warning: the logistic-regression baseline beat the served random forest.');
  }
  console.log(`Model version: ${metrics.modelVersion}`);
  console.log(`Model:   ${written.modelPath}`);
  console.log(`Metrics: ${written.metricsPath}`);
  console.log(`Pointer: ${written.pointerPath}`);
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ArtifactWriteError) {
    console.error(`Error: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error('Training failed:', error);
    process.exitCode = 1;
  }
}
