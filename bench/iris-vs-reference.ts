/**
 * The Iris ML API (Fastify, ml-random-forest) against the reference stack of
 * the original Iris project (FastAPI, scikit-learn), under the same load:
 * the same random forest (101 trees, 75 % of the features per split, seed 42),
 * the same POST /predict requests, the same connections and duration.
 *
 *   npx tsx bench/iris-vs-reference.ts [--runs 3] [--seconds 10] [--connections 8]
 *
 * Each server runs on core 0 and the generator (the engine of `nova load`)
 * on core 1. The servers alternate, Iris then reference, `runs` times after
 * one unmeasured warm-up of each; the script prints the median rps and p99 of
 * each. Needs /usr/bin/python3 with the Debian packages python3-fastapi,
 * python3-uvicorn and python3-sklearn, and taskset.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, release, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface Sample {
  rps: number;
  p99Us: number;
  errors: number;
  requests: number;
}

interface Server {
  name: string;
  url: string;
  process: ChildProcess;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

async function waitForHealth(server: Server, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null)
      throw new Error(`${server.name} exited with code ${server.process.exitCode}`);
    const healthy = await fetch(`${server.url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${server.name} did not respond on ${server.url}/health within ${timeoutMs / 1_000} s`,
  );
}

async function startServers(): Promise<Server[]> {
  const irisPort = await freePort();
  const referencePort = await freePort();
  const iris = spawn(
    'taskset',
    ['-c', '0', TSX, 'systems-under-test/iris-api/src/main.ts', '--port', String(irisPort)],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const reference = spawn(
    'taskset',
    [
      '-c',
      '0',
      '/usr/bin/python3',
      '-m',
      'uvicorn',
      'iris_app:app',
      '--app-dir',
      join(ROOT, 'bench', 'reference'),
      '--port',
      String(referencePort),
      '--log-level',
      'warning',
      '--no-access-log',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const servers = [
    {
      name: 'Iris ML API (Fastify 5, ml-random-forest, Node.js)',
      url: `http://127.0.0.1:${irisPort}`,
      process: iris,
    },
    {
      name: 'Reference (FastAPI 0.92, uvicorn 0.17, scikit-learn 1.2.1, Python 3.11)',
      url: `http://127.0.0.1:${referencePort}`,
      process: reference,
    },
  ];
  await Promise.all(servers.map((server) => waitForHealth(server)));
  return servers;
}

function load(url: string, seconds: number, connections: number): Sample {
  const result = spawnSync(
    'taskset',
    [
      '-c',
      '1',
      TSX,
      'bench/load-engine-child.ts',
      url,
      'iris-predict',
      String(seconds),
      String(connections),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`The load run against ${url} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Sample;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '8' },
    },
  });
  const runs = Number(values.runs);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);

  const servers = await startServers();
  const samples = new Map<string, Sample[]>(servers.map((server) => [server.name, []]));
  try {
    for (const server of servers) load(server.url, 3, connections);
    for (let run = 1; run <= runs; run += 1) {
      for (const server of servers) {
        const sample = load(server.url, seconds, connections);
        samples.get(server.name)!.push(sample);
        process.stderr.write(
          `run ${run} ${server.name}: ${sample.rps.toFixed(0)}/s, p99 ${(sample.p99Us / 1_000).toFixed(2)} ms, ${sample.errors} errors\n`,
        );
      }
    }
  } finally {
    for (const server of servers) server.process.kill('SIGTERM');
  }

  const rows = servers.map((server) => {
    const list = samples.get(server.name)!;
    return {
      name: server.name,
      rps: median(list.map((sample) => sample.rps)),
      p99Us: median(list.map((sample) => sample.p99Us)),
      errors: list.reduce((total, sample) => total + sample.errors, 0),
      each: list
        .map((sample) => `${sample.rps.toFixed(0)}/s ${(sample.p99Us / 1_000).toFixed(1)} ms`)
        .join('; '),
    };
  });
  const load5 = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(
    [
      `Iris vs reference: POST /predict (one flower, three in turn), ${connections} connections, ${seconds} s per run, ${runs} alternating runs, server on core 0, generator on core 1`,
      '| Stack | Median rps | Median p99 | Failed requests | Each run |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map(
        (row) =>
          `| ${row.name} | ${row.rps.toFixed(0)} | ${(row.p99Us / 1_000).toFixed(2)} ms | ${row.errors} | ${row.each} |`,
      ),
      `Ratio Iris / reference: rps ${(rows[0]!.rps / rows[1]!.rps).toFixed(2)}, p99 ${(rows[0]!.p99Us / rows[1]!.p99Us).toFixed(2)}`,
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${type()} ${release()}, Node.js ${process.version}; load average at the end: ${load5}`,
    ].join('\n') + '\n',
  );
}

await main();
