/**
 * Checks that the vision specs catch each seeded fault of the vision service.
 *
 *   NOVA_PORT_OFFSET=6000 npx tsx bench/vision-faults.ts [--only <fault id>]
 *
 * For each fault in systems-under-test/vision/faults.json it runs the Playwright tests of the
 * test-plan case whose notes name the fault, with NOVA_FAULTS set to that fault, and counts
 * the failing tests: a fault is caught when at least one fails. A clean run of the same tests
 * comes first and must pass, else a failure would prove nothing. Playwright starts the service
 * itself, with NOVA_FAULTS in its environment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const PLAN = readFileSync(join(ROOT, 'docs/test-plan/vision.md'), 'utf8');
const FAULTS = JSON.parse(
  readFileSync(join(ROOT, 'systems-under-test/vision/faults.json'), 'utf8'),
) as { id: string; layer: string }[];

/** The case id whose notes say "Catches `<fault>`". */
function caseFor(fault: string): string {
  const sections = PLAN.split(/^## /m);
  const section = sections.find((text) => text.includes(`Catches \`${fault}\``));
  const id = section?.match(/^(VISION-\d+)/)?.[1];
  if (id === undefined)
    throw new Error(`No case of docs/test-plan/vision.md names ${fault} in its notes.`);
  return id;
}

interface RunResult {
  passed: number;
  failed: number;
  seconds: number;
}

function runCase(caseId: string, faults: string): RunResult {
  const output = mkdtempSync(join(tmpdir(), 'nova-vision-faults-'));
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/@playwright/test/cli.js'),
      'test',
      '--grep',
      `@${caseId}\\b`,
      '--reporter=json',
      '--output',
      output,
      '--project=api',
      '--project=ui',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NOVA_FAULTS: faults, NOVA_RESULTS: 'off', CI: '' },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(run.stdout) as { stats: { expected: number; unexpected: number } };
  return { passed: report.stats.expected, failed: report.stats.unexpected, seconds };
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const selected = FAULTS.filter((fault) => values.only === undefined || fault.id === values.only);

console.log('| Fault | Case | Clean run | With the fault | Caught |');
console.log('| --- | --- | --- | --- | --- |');
let missed = 0;
for (const fault of selected) {
  const caseId = caseFor(fault.id);
  const clean = runCase(caseId, '');
  const faulty = runCase(caseId, fault.id);
  const caught = clean.failed === 0 && faulty.failed > 0;
  if (!caught) missed++;
  console.log(
    `| \`${fault.id}\` | ${caseId} | ${clean.passed} passed, ${clean.failed} failed | ` +
      `${faulty.failed} of ${faulty.passed + faulty.failed} failed | ${caught ? 'yes' : 'NO'} |`,
  );
}
process.exitCode = missed > 0 ? 1 : 0;
