/**
 * Measures what `nova detect` costs per fault against the Playwright run it wraps.
 *
 *   npx tsx bench/detect-overhead.ts [--runs 3]
 *
 * A: `playwright test --project=api specs/api/iris/` with the JSON reporter, CI=1 and its own
 *    port offset, the run that detection makes for one fault of the api layer.
 * B: `nova detect --faults iris.swapped-labels --clean-runs 0 --layers expected`: the listing
 *    of the suite, the same run with the fault on, and the report.
 * The runs alternate A B A B … after one unmeasured warm-up of each, so that both share the
 * machine's noise. It prints the median wall time of each and their ratio.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const REPOSITORY_ROOT = join(import.meta.dirname, '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const NOVA = join(REPOSITORY_ROOT, 'bin', 'nova.js');

/** Offset of the plain runs: far from the offsets that nova detect picks above the base. */
const PLAIN_RUN_OFFSET = 950;

function runsOption(): number {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive integer, received "${values.runs}".`);
  }
  return runs;
}

function timed(label: string, command: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, command, {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(
      `${label} exited with ${String(result.status)}:\n${result.stderr.slice(-2000)}`,
    );
  }
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const runs = runsOption();
const outDir = await mkdtemp(join(tmpdir(), 'nova-bench-detect-'));
const baseOffset = Number(process.env.NOVA_PORT_OFFSET ?? 0);

const plain = () =>
  timed(
    'playwright test',
    [
      PLAYWRIGHT_CLI,
      'test',
      '--project=api',
      '--reporter=json',
      '--retries=0',
      `--output=${join(outDir, 'plain')}`,
      'specs/api/iris/',
    ],
    {
      CI: '1',
      NOVA_PORT_OFFSET: String(baseOffset + PLAIN_RUN_OFFSET),
      NOVA_START_SYSTEMS: 'iris',
      NOVA_RESULTS: 'off',
      NOVA_KEEP_ALLURE_RESULTS: '1',
      PLAYWRIGHT_JSON_OUTPUT_FILE: join(outDir, 'plain.json'),
    },
  );
const detect = () =>
  timed(
    'nova detect',
    [
      NOVA,
      'detect',
      '--faults',
      'iris.swapped-labels',
      '--clean-runs',
      '0',
      '--layers',
      'expected',
      '--out',
      join(outDir, 'detect'),
    ],
    {},
  );

try {
  plain();
  detect();
  const plainTimes: number[] = [];
  const detectTimes: number[] = [];
  for (let index = 0; index < runs; index++) {
    plainTimes.push(plain());
    detectTimes.push(detect());
  }

  const plainMedian = median(plainTimes);
  const detectMedian = median(detectTimes);
  const format = (values: number[]) => values.map((value) => Math.round(value)).join(', ');
  process.stdout.write(
    [
      `Plain api run of iris (A): median ${Math.round(plainMedian)} ms (${format(plainTimes)})`,
      `nova detect, one fault (B): median ${Math.round(detectMedian)} ms (${format(detectTimes)})`,
      `B / A: ${(detectMedian / plainMedian).toFixed(2)}`,
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`,
      '',
    ].join('\n'),
  );
} finally {
  await rm(outDir, { recursive: true, force: true });
}
