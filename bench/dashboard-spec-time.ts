/**
 * Measures how much test time the data dashboard's specs add to a Playwright run.
 *
 *   npx tsx bench/dashboard-spec-time.ts [--runs 3]
 *
 * Each round runs `playwright test` on the api, ui and visual projects twice: once with
 * `--grep @DASHBOARD` and once with `--grep @IRIS`, the Iris specs being the peer measured in
 * the same conditions. Runs alternate so that both share the machine's noise. From the JSON
 * report it takes the sum of the test durations. That sum is the time the specs add to a run
 * with one worker, the default on a 2-core machine. The wall time also counts Playwright's
 * start and the servers' start, which overlap with the other systems' start in a full run.
 * Set NOVA_PORT_OFFSET to run beside another checkout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const REPOSITORY_ROOT = join(import.meta.dirname, '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const SUITES = { dashboard: '@DASHBOARD', iris: '@IRIS' } as const;
type Suite = keyof typeof SUITES;

interface Measurement {
  wallMs: number;
  testMs: number;
  tests: number;
  failed: string[];
}

interface JsonResult {
  duration: number;
  status: string;
  title?: string;
}
interface JsonSpec {
  title: string;
  tests: { results: JsonResult[] }[];
}
interface JsonSuite {
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

function collect(suite: JsonSuite, into: JsonResult[]): void {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      into.push(...test.results.map((result) => ({ ...result, title: spec.title })));
    }
  }
  for (const child of suite.suites ?? []) collect(child, into);
}

async function runSuite(suite: Suite, scratch: string): Promise<Measurement> {
  const reportPath = join(scratch, `${suite}.json`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      PLAYWRIGHT_CLI,
      'test',
      '--project=api',
      '--project=ui',
      '--project=visual',
      '--grep',
      SUITES[suite],
      '--reporter=json',
      '--output',
      join(scratch, 'test-results'),
    ],
    {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, NOVA_RESULTS: 'off', PLAYWRIGHT_JSON_OUTPUT_NAME: reportPath },
      encoding: 'utf8',
    },
  );
  const wallMs = performance.now() - started;
  if (run.error) throw run.error;

  const report = JSON.parse(await readFile(reportPath, 'utf8')) as { suites: JsonSuite[] };
  const results: JsonResult[] = [];
  for (const top of report.suites) collect(top, results);
  return {
    wallMs,
    testMs: results.reduce((sum, result) => sum + result.duration, 0),
    tests: results.length,
    failed: results
      .filter((result) => result.status !== 'passed')
      .map((result) => `${result.title ?? '?'} (${result.status})`),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer, received "${values.runs}".`);
  process.exit(2);
}

const scratch = await mkdtemp(join(tmpdir(), 'nova-dashboard-bench-'));
const measured: Record<Suite, Measurement[]> = { dashboard: [], iris: [] };
try {
  for (let round = 0; round < runs; round++) {
    for (const suite of Object.keys(SUITES) as Suite[]) {
      const measurement = await runSuite(suite, scratch);
      measured[suite].push(measurement);
      console.log(
        `round ${round + 1} ${suite}: wall ${(measurement.wallMs / 1000).toFixed(1)} s, ` +
          `tests ${(measurement.testMs / 1000).toFixed(1)} s over ${measurement.tests} tests, ` +
          `${measurement.failed.length} not passed${measurement.failed.length > 0 ? `: ${measurement.failed.join('; ')}` : ''}`,
      );
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

console.log('\n| Suite | Tests | Median test time | Median wall time | Each run, test time (s) |');
console.log('| --- | --- | --- | --- | --- |');
for (const suite of Object.keys(SUITES) as Suite[]) {
  const list = measured[suite];
  console.log(
    `| ${suite} | ${list[0]!.tests} | ${(median(list.map((m) => m.testMs)) / 1000).toFixed(1)} s | ` +
      `${(median(list.map((m) => m.wallMs)) / 1000).toFixed(1)} s | ${list.map((m) => (m.testMs / 1000).toFixed(1)).join(', ')} |`,
  );
}
const ratio =
  median(measured.dashboard.map((m) => m.testMs)) / median(measured.iris.map((m) => m.testMs));
console.log(
  `\nDashboard / Iris median test time ratio: ${ratio.toFixed(2)} (${cpus().length} cores)`,
);
