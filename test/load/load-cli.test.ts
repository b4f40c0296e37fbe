/**
 * Runs the real `nova load` command (bin/nova.js) in a temporary project
 * whose nova.config.ts declares a small HTTP server; nova starts that server
 * itself, loads it, and stops it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const NOVA = join(ROOT, 'bin', 'nova.js');
const LOAD_INDEX = join(ROOT, 'framework', 'load', 'index.ts');
const ECHO_SERVER = join(import.meta.dirname, 'echo-server.mjs');

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

let project: string;
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function nova(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [NOVA, ...args],
      {
        cwd: project,
        env: {
          ...process.env,
          NOVA_ECHO_PORT: String(port),
          NOVA_RESULTS_DB_DIR: join(project, 'results-db'),
          NOVA_MACHINE: 'test-machine',
          DATABASE_URL: '',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        let exitCode = 0;
        if (error) exitCode = typeof error.code === 'number' ? error.code : 1;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

function isListening(target: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${target}/health`).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'nova-load-cli-'));
  port = await freePort();
  // As in this repository, .ts files are ES modules.
  await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
  await writeFile(
    join(project, 'nova.config.ts'),
    `export const systems = {
  echo: { command: ${JSON.stringify(`"${process.execPath}" "${ECHO_SERVER}" --port {port}`)}, defaultPort: 3999, healthPath: '/health' },
};
`,
  );
  await mkdir(join(project, 'perf'));
  await writeFile(
    join(project, 'perf', 'echo.ts'),
    `import { defineLoadScenarios } from ${JSON.stringify(LOAD_INDEX)};

export default defineLoadScenarios({
  system: 'echo',
  scenarios: {
    ok: {
      executor: 'constant-vus',
      vus: 2,
      iterations: 100,
      requests: [{ name: 'home', path: '/', checks: { 'status is 200': (response) => response.status === 200 } }],
      thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(99)<5000'], checks: ['rate>0.99'] },
    },
    impossible: {
      executor: 'constant-vus',
      vus: 1,
      iterations: 50,
      requests: [{ name: 'home', path: '/' }],
      thresholds: { http_req_duration: ['p(95)<0.001'], http_req_failed: ['rate<0.01'] },
    },
  },
});
`,
  );
  await mkdir(join(project, 'bad'));
  await writeFile(
    join(project, 'bad', 'echo.ts'),
    `import { defineLoadScenarios } from ${JSON.stringify(LOAD_INDEX)};

export default defineLoadScenarios({
  system: 'echo',
  scenarios: {
    broken: {
      executor: 'constant-vus',
      vus: 0,
      duration: '10s',
      requests: [{ name: 'home', path: '/' }],
      thresholds: { http_req_duration: ['p(95)<<1'] },
    },
  },
});
`,
  );
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('nova load', () => {
  it('starts the system, prints each summary and names the broken threshold', async () => {
    const result = await nova(['load', 'echo', '--out', 'out']);

    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stderr).toContain('nova: Starting echo:');
    expect(result.stdout).toContain('scenario echo/ok (constant-vus, system echo');
    expect(result.stdout).toContain('✓ http_req_failed rate<0.01: 0');
    expect(result.stdout).toMatch(/http_reqs\.+: 100 /);
    expect(result.stdout).toContain('no earlier run of this scenario on test-machine');
    expect(result.stdout).toContain('2 scenario(s): 1 passed their thresholds, 1 broke them.');

    // Which threshold broke, and by how much.
    expect(result.stdout).toMatch(
      /✗ http_req_duration p\(95\)<0\.001: actual [\d.]+ ms, limit 0\.001 ms, off by [\d.]+ ms/,
    );
    expect(result.stderr).toContain('Load threshold broken in "echo/impossible":');
    expect(result.stderr).toMatch(
      /✗ http_req_duration p\(95\)<0\.001: actual [\d.]+ ms, limit 0\.001 ms, off by [\d.]+ ms \([\d.]+ % of the limit\)/,
    );
    expect(result.stderr).not.toContain('http_req_failed');
    expect(result.stderr).not.toContain('"echo/ok"');

    for (const file of ['summary.json', 'latency.svg', 'rps.svg', 'summary.txt']) {
      expect(existsSync(join(project, 'out', 'echo-ok', file)), file).toBe(true);
    }
    const summary = JSON.parse(
      await readFile(join(project, 'out', 'echo-ok', 'summary.json'), 'utf8'),
    ) as {
      requests: number;
      machine: string;
    };
    expect(summary).toMatchObject({ requests: 100, machine: 'test-machine' });
  });

  it('passes and compares with the history of the scenario', async () => {
    const result = await nova(['load', 'echo/ok', '--out', 'out']);

    // A regression against history is reported but does not fail the run. Whether this
    // second run's p95 is within the margin of the first depends on the machine's load.
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /1 scenario\(s\): 1 passed their thresholds, 0 broke them(\.|, 1 regressed against history\.)/,
    );
    expect(result.stdout).toContain('median of the last 1 run(s) on test-machine');
    // nova started the server, so nova stopped it.
    expect(await isListening(port)).toBe(false);
  });

  it('rejects invalid scenarios before it starts anything', async () => {
    const result = await nova(['load', '--dir', 'bad', '--no-store']);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Invalid load scenarios; no load was sent:');
    expect(result.stderr).toContain(
      '- Scenario "echo/broken": vus must be a whole number from 1 to 1000, received 0.',
    );
    expect(result.stderr).toContain(
      '- Scenario "echo/broken": invalid threshold "p(95)<<1" on http_req_duration',
    );
    expect(result.stderr).not.toContain('Starting echo');
  });

  it('names the known scenarios when none matches', async () => {
    const result = await nova(['load', 'nothing-like-this', '--no-store']);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'No load scenario matches "nothing-like-this". Scenarios in perf/: echo/ok, echo/impossible.',
    );
  });
});
