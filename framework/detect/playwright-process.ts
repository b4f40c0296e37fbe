/**
 * Starts `playwright test` as a child process with the JSON reporter writing to a file, and
 * keeps its console output in a log file beside it. Playwright is run rather than imported so
 * that each run gets its own environment: its own NOVA_FAULTS, port offset and servers.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface PlaywrightProcessRequest {
  /** Folder of playwright.config.ts. */
  cwd: string;
  /** Arguments after `playwright test`. */
  args: string[];
  /** The whole environment of the child process. */
  env: NodeJS.ProcessEnv;
  /** Path of the JSON reporter's report. */
  reportFile: string;
  /** File that receives the run's stdout and stderr. */
  logFile: string;
  /** The run is stopped after this long. */
  timeoutMs: number;
}

export interface PlaywrightProcessResult {
  exitCode: number | null;
  /** Set when the run was stopped for taking longer than timeoutMs. */
  timedOut: boolean;
  startedAt: Date;
  durationMs: number;
  /** The last lines of the console output, for an error message. */
  outputTail: string;
}

/** Lines of console output kept for the message of a run that produced no report. */
const TAIL_LINES = 15;

const require = createRequire(import.meta.url);

/** Path of Playwright's command-line entry point in this installation. */
export function playwrightCli(): string {
  return require.resolve('@playwright/test/cli');
}

export async function runPlaywrightProcess(
  request: PlaywrightProcessRequest,
): Promise<PlaywrightProcessResult> {
  await mkdir(dirname(request.reportFile), { recursive: true });
  await mkdir(dirname(request.logFile), { recursive: true });
  const log = createWriteStream(request.logFile);
  const startedAt = new Date();

  const child = spawn(process.execPath, [playwrightCli(), 'test', ...request.args], {
    cwd: request.cwd,
    env: { ...request.env, PLAYWRIGHT_JSON_OUTPUT_FILE: request.reportFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a timeout stops the web servers it started too.
    detached: true,
  });

  let tail: string[] = [];
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = [...tail, ...chunk.toString().split('\n')].slice(-TAIL_LINES * 4);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid, 'SIGTERM');
    setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref();
  }, request.timeoutMs);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  await new Promise<void>((resolve) => log.end(resolve));

  return {
    exitCode,
    timedOut,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    outputTail: tail
      .filter((line) => line.trim() !== '')
      .slice(-TAIL_LINES)
      .join('\n'),
  };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has already exited.
  }
}
