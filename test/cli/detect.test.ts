/**
 * Runs the real `nova detect` (bin/nova.js) on two Iris faults and one clean run: real
 * Playwright runs against Iris servers that each run starts with its fault switched on.
 * The rest of the matrix is recorded in docs/detection.md by the full, on-demand run.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DetectionReport } from '../../framework/detect/index.ts';

const PROJECT_DIR = join(import.meta.dirname, '..', '..');
const NOVA = join(PROJECT_DIR, 'bin', 'nova.js');

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

async function nova(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [NOVA, ...args],
      { cwd: PROJECT_DIR, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let exitCode = 0;
        if (error !== null) exitCode = typeof error.code === 'number' ? error.code : 1;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'nova-detect-cli-'));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('nova detect on two Iris faults', () => {
  let result: CliResult;
  let report: DetectionReport;

  beforeAll(async () => {
    result = await nova([
      'detect',
      '--faults',
      'iris.swapped-labels,iris.truncated-json-crash',
      '--clean-runs',
      '1',
      '--layers',
      'expected',
      '--out',
      outDir,
      '--json',
    ]);
    report = JSON.parse(result.stdout) as DetectionReport;
  }, 240_000);

  it('exits 0 with both faults caught and the clean run passed', () => {
    expect(result.stderr).toContain('nova detect: clean run 1/1: passed');
    expect(result.exitCode).toBe(0);
    expect(report.summary).toMatchObject({
      faults: 2,
      caught: 2,
      detectionRate: 1,
      cleanRuns: 1,
      falseAlarms: 0,
      wrongLayerFaults: [],
      ok: true,
    });
  });

  it('names the tests that caught swapped labels, filed as one bug', () => {
    const swapped = report.faults.find((entry) => entry.fault.id === 'iris.swapped-labels')!;

    expect(swapped.outcome).toBe('caught');
    expect(swapped.projects).toEqual(['api']);
    expect(swapped.faultConfirmed).toBe(true);
    expect(swapped.failingTests.map((test) => test.title)).toEqual(
      expect.arrayContaining([
        'POST /predict › typical versicolor is predicted as versicolor',
        'POST /predict › typical virginica is predicted as virginica',
      ]),
    );
    // The setosa label is not swapped, so its test must pass.
    expect(swapped.failingTests.map((test) => test.title)).not.toContain(
      'POST /predict › typical setosa is predicted as setosa',
    );
    for (const test of swapped.failingTests) {
      expect(test.fingerprint).toMatch(/^[0-9a-f]{24}$/);
      expect(test.testId).toMatch(/^[0-9a-f]{20}$/);
    }
    expect(swapped.symptoms).toEqual([
      ...new Set(swapped.failingTests.map((test) => test.fingerprint)),
    ]);
    // Two symptoms at least (two expected labels), and one bug: the smallest of them.
    expect(swapped.symptoms.length).toBeGreaterThanOrEqual(2);
    expect(swapped.bugs).toEqual([[...swapped.symptoms].sort()[0]]);
    expect(swapped.timeToDetectMs).toBeGreaterThan(0);
    expect(swapped.timeToDetectMs).toBeLessThanOrEqual(swapped.runDurationMs);
  });

  it('crash fault caught by one test', () => {
    const crash = report.faults.find((entry) => entry.fault.id === 'iris.truncated-json-crash')!;

    expect(crash.failingTests).toEqual([
      expect.objectContaining({
        project: 'api',
        file: 'specs/api/iris/bad-input.spec.ts',
        title: 'POST /predict rejects bad input › malformed JSON gives 400 INVALID_JSON',
      }),
    ]);
    expect(crash.bugs).toHaveLength(1);
  });

  it('writes the matrix as Markdown and JSON', async () => {
    const markdown = await readFile(join(outDir, 'detection-report.md'), 'utf8');
    const json = JSON.parse(
      await readFile(join(outDir, 'detection-report.json'), 'utf8'),
    ) as DetectionReport;

    expect(markdown).toContain('- Detection rate: 2 of 2 faults caught (100.0%)');
    expect(markdown).toMatch(
      /\| iris\.truncated-json-crash \| robustness \| api \| caught \| api \| 1 \| 1 \| 1 \| [\d.]+ s \|/,
    );
    expect(markdown).toMatch(
      /\| iris\.swapped-labels \| model \| api \| caught \| api \| \d+ \| \d+ \| 1 \| [\d.]+ s \|/,
    );
    expect(json.faults.map((entry) => entry.fault.id)).toEqual([
      'iris.swapped-labels',
      'iris.truncated-json-crash',
    ]);
    expect(json.command).toContain('--faults iris.swapped-labels,iris.truncated-json-crash');
  });
});

describe('nova detect options', () => {
  it('rejects unknown systems and faults before running anything, one line each', async () => {
    const result = await nova([
      'detect',
      '--systems',
      'iris,irsi',
      '--faults',
      'iris.swaped-labels',
      '--out',
      outDir,
    ]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--systems names "irsi", which has no faults.json.');
    expect(result.stderr).toContain(
      '--faults names "iris.swaped-labels", which no faults.json lists. Known faults: iris.',
    );
    expect(result.stderr).not.toContain('Listing');
  });

  it('refuses a remote system and production mode', async () => {
    const result = await nova(['detect', '--faults', 'iris.swapped-labels', '--out', outDir], {
      NOVA_IRIS_URL: 'http://127.0.0.1:9',
      NODE_ENV: 'production',
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('NODE_ENV=production: the systems refuse seeded faults');
    expect(result.stderr).toContain('NOVA_IRIS_URL is set: nova detect must start iris itself');
  });

  it('rejects an empty selection', async () => {
    const faults = await nova(['detect', '--faults', ',', '--out', outDir]);
    const systems = await nova(['detect', '--systems', '', '--out', outDir]);

    expect(faults.exitCode).toBe(2);
    expect(faults.stderr).toContain('--faults is empty (",").');
    expect(systems.exitCode).toBe(2);
    expect(systems.stderr).toContain('--systems is empty ("").');
    expect(systems.stderr).not.toContain('the catalogue is empty');
  });

  it('rejects a bad count and an unknown scope', async () => {
    const count = await nova(['detect', '--clean-runs', 'many']);
    const scope = await nova(['detect', '--layers', 'all']);

    expect(count.exitCode).toBe(2);
    expect(count.stderr).toContain('expected a whole number from 0 to 100, received "many"');
    expect(scope.exitCode).toBe(2);
    expect(scope.stderr).toContain('Allowed choices are expected, system');
  });
});
