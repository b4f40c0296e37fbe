/**
 * Measures the wall time that the vision tests add to `npm test`, with the Iris tests as the
 * peer measured in the same run.
 *
 *   NOVA_PORT_OFFSET=6000 npx tsx bench/vision-suite-time.ts [--runs 3]
 *
 * Each round runs, one after the other: the vision Playwright specs (api, ui and visual
 * projects, with the service start), the Iris Playwright specs, `vitest run test/vision` and
 * `vitest run test/iris-api`. It prints each command's median wall time and the ratio to its
 * peer. Playwright runs with its default workers, as `npm test` does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const PLAYWRIGHT = join(ROOT, 'node_modules/@playwright/test/cli.js');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

const COMMANDS = {
  'playwright vision': [
    PLAYWRIGHT,
    'test',
    'specs/api/vision',
    'specs/ui/vision',
    'specs/visual/vision',
    '--reporter=dot',
  ],
  'playwright iris': [
    PLAYWRIGHT,
    'test',
    'specs/api/iris',
    'specs/ui/iris',
    'specs/visual/iris',
    '--reporter=dot',
  ],
  'vitest vision': [VITEST, 'run', 'test/vision'],
  'vitest iris': [VITEST, 'run', 'test/iris-api'],
} as const;
type CommandName = keyof typeof COMMANDS;

function timeCommand(name: CommandName): number {
  const args = [...COMMANDS[name]];
  if (name.startsWith('playwright'))
    args.push('--output', mkdtempSync(join(tmpdir(), 'nova-vision-bench-')));
  const started = performance.now();
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NOVA_RESULTS: 'off' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`${name} failed with exit code ${run.status}:\n${run.stdout.slice(-2000)}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const times = new Map<CommandName, number[]>();
const loadAtStart = loadavg()[0]!;

for (let round = 0; round < runs; round++) {
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    const seconds = timeCommand(name);
    times.set(name, [...(times.get(name) ?? []), seconds]);
    console.error(`round ${round + 1}: ${name} ${seconds.toFixed(1)} s`);
  }
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
);
console.log('| Command | Median | Each run (s) | Ratio to the Iris peer |');
console.log('| --- | --- | --- | --- |');
for (const [name, peer] of [
  ['playwright vision', 'playwright iris'],
  ['vitest vision', 'vitest iris'],
] as const) {
  for (const current of [name, peer]) {
    const all = times.get(current)!;
    const ratio =
      current === name ? `${(median(all) / median(times.get(peer)!)).toFixed(2)} ×` : '1.00 ×';
    console.log(
      `| \`${current}\` | ${median(all).toFixed(1)} s | ${all.map((value) => value.toFixed(1)).join(', ')} | ${ratio} |`,
    );
  }
}
