/**
 * Generator efficiency: the requests per second that the engine of
 * `nova load` reaches against a plain node:http server pinned to one core,
 * side by side with wrk in the same run, and the CPU each spends per request.
 *
 *   npx tsx bench/load-generator.ts [--runs 3] [--seconds 5] [--connections 10]
 *
 * The server runs on core 0 and the generator on core 1 (taskset). The
 * generators alternate, nova then wrk, `runs` times, after one unmeasured
 * warm-up of each, and the script prints the median of each and their ratio.
 * Needs Linux with taskset, and wrk on PATH (Debian package wrk).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus, release, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface Sample {
  rps: number;
  cpuUsPerRequest: number;
  p99Us?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs a command under GNU time and returns its stdout and the CPU seconds (user + system) it used. */
function timed(command: string[]): { stdout: string; cpuSeconds: number } {
  const result = spawnSync('/usr/bin/time', ['-f', 'NOVA_CPU %U %S', ...command], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  const match = /NOVA_CPU ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (!match) throw new Error(`No CPU time in the output of ${command[0]}: ${result.stderr}`);
  return { stdout: result.stdout, cpuSeconds: Number(match[1]) + Number(match[2]) };
}

function runNova(url: string, seconds: number, connections: number): Sample {
  const { stdout } = timed([
    'taskset',
    '-c',
    '1',
    TSX,
    'bench/load-engine-child.ts',
    url,
    'get',
    String(seconds),
    String(connections),
  ]);
  const figures = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    requests: number;
    rps: number;
    p99Us: number;
    cpuUsPerRequest: number;
  };
  // GNU time would count tsx's start-up too, so the engine's own figure is taken: CPU of the run alone.
  return { rps: figures.rps, cpuUsPerRequest: figures.cpuUsPerRequest, p99Us: figures.p99Us };
}

function runWrk(url: string, seconds: number, connections: number): Sample {
  const { stdout, cpuSeconds } = timed([
    'taskset',
    '-c',
    '1',
    'wrk',
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    url,
  ]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1]);
  if (!Number.isFinite(rps) || !requests) throw new Error(`Unexpected wrk output:\n${stdout}`);
  return { rps, cpuUsPerRequest: (cpuSeconds * 1e6) / requests };
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    'taskset',
    ['-c', '0', process.execPath, join(ROOT, 'bench', 'plain-http-server.mjs')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`The server exited with code ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
    },
  });
  const runs = Number(values.runs);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);

  const server = await startServer();
  const nova: Sample[] = [];
  const wrk: Sample[] = [];
  try {
    // Warm-up: the server's JIT and the page cache, unmeasured.
    runNova(server.url, 2, connections);
    runWrk(server.url, 2, connections);
    for (let run = 1; run <= runs; run += 1) {
      nova.push(runNova(server.url, seconds, connections));
      wrk.push(runWrk(server.url, seconds, connections));
      process.stderr.write(
        `run ${run}: nova ${nova.at(-1)!.rps.toFixed(0)}/s, wrk ${wrk.at(-1)!.rps.toFixed(0)}/s\n`,
      );
    }
  } finally {
    server.stop();
  }

  const novaRps = median(nova.map((sample) => sample.rps));
  const wrkRps = median(wrk.map((sample) => sample.rps));
  const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(
    [
      `Generator efficiency, ${runs} alternating runs of ${seconds} s, ${connections} connections, server on core 0, generator on core 1`,
      `| Generator | Median rps | Each run (rps) | CPU per request (median) |`,
      `| --- | --- | --- | --- |`,
      `| nova load engine (autocannon 9 + HDR) | ${novaRps.toFixed(0)} | ${nova.map((sample) => sample.rps.toFixed(0)).join(', ')} | ${median(nova.map((sample) => sample.cpuUsPerRequest)).toFixed(1)} µs |`,
      `| wrk 4 (-t1) | ${wrkRps.toFixed(0)} | ${wrk.map((sample) => sample.rps.toFixed(0)).join(', ')} | ${median(wrk.map((sample) => sample.cpuUsPerRequest)).toFixed(1)} µs |`,
      `Ratio nova / wrk: ${(novaRps / wrkRps).toFixed(3)} (target at least 0.95)`,
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${type()} ${release()}, Node.js ${process.version}; load average at the end: ${load}`,
    ].join('\n') + '\n',
  );
}

await main();
