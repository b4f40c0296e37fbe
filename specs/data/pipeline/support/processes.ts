/**
 * Pipeline processes started by the data specs: the service (status API,
 * watchers, stream consumer) and one-shot job runs, as real child processes
 * so that a test can kill them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SERVICE = 'systems-under-test/pipeline/src/main.ts';
const JOB_CLI = 'systems-under-test/pipeline/src/job-cli.ts';
const PRODUCER = 'systems-under-test/pipeline/src/stream/producer-cli.ts';

function start(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, PIPELINE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output and resolves when it exits. */
function collect(child: ChildProcess): {
  output: { stdout: string; stderr: string };
  exited: Promise<Exit>;
} {
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, ...output })),
  );
  return { output, exited };
}

/** Resolves with the first match of `pattern` in the output, or rejects when the process exits first. */
function waitForOutput(
  child: ChildProcess,
  output: { stdout: string; stderr: string },
  exited: Promise<Exit>,
  pattern: RegExp,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output.stdout) ?? pattern.exec(output.stderr);
      if (match === null) return;
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      resolve(match);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    check();
    void exited.then((exit) =>
      reject(
        new Error(
          `The process exited (code ${exit.code}, signal ${exit.signal}) before printing ${pattern}.\nstderr:\n${exit.stderr.slice(-3000)}`,
        ),
      ),
    );
  });
}

export class PipelineService {
  readonly baseURL: string;
  readonly #child: ChildProcess;
  readonly #output: { stdout: string; stderr: string };
  readonly #exited: Promise<Exit>;

  private constructor(
    baseURL: string,
    child: ChildProcess,
    output: { stdout: string; stderr: string },
    exited: Promise<Exit>,
  ) {
    this.baseURL = baseURL;
    this.#child = child;
    this.#output = output;
    this.#exited = exited;
  }

  /** Starts the service on a free port and waits for its `listening on` line. */
  static async start(args: string[], env: Record<string, string>): Promise<PipelineService> {
    const child = start(SERVICE, ['--port', '0', ...args], env);
    const { output, exited } = collect(child);
    const [, url] = await waitForOutput(child, output, exited, /listening on (http:\/\/\S+)/);
    return new PipelineService(url!, child, output, exited);
  }

  get stderr(): string {
    return this.#output.stderr;
  }

  /** Waits for a line the service prints, such as `paused sensor-stream step 40`. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    return waitForOutput(this.#child, this.#output, this.#exited, pattern);
  }

  async request<T = unknown>(method: string, route: string): Promise<{ status: number; body: T }> {
    const response = await fetch(this.baseURL + route, { method });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Stops it with SIGTERM and waits; the exit must be clean. */
  async stop(): Promise<Exit> {
    if (this.#child.exitCode === null && this.#child.signalCode === null)
      this.#child.kill('SIGTERM');
    return this.#exited;
  }

  /** Kills it with SIGKILL, as a crash would: no shutdown code runs. */
  async kill(): Promise<Exit> {
    if (this.#child.exitCode === null && this.#child.signalCode === null)
      this.#child.kill('SIGKILL');
    return this.#exited;
  }
}

export interface JobRun {
  exit: Exit;
  /** The step it was paused at and killed, when it was. */
  killedAt?: string;
}

/**
 * Runs a batch job in its own process. With `pauseAtStep`, the job stops at
 * that step (PIPELINE_PAUSE_AT) and this function kills it with SIGKILL.
 */
export async function runJob(
  job: string,
  args: string[],
  env: Record<string, string>,
  pauseAtStep?: number,
): Promise<JobRun> {
  const child = start(
    JOB_CLI,
    [job, ...args],
    pauseAtStep === undefined ? env : { ...env, PIPELINE_PAUSE_AT: `${job}:${pauseAtStep}` },
  );
  const { output, exited } = collect(child);
  if (pauseAtStep === undefined) return { exit: await exited };

  const [line] = await waitForOutput(
    child,
    output,
    exited,
    new RegExp(`paused ${job} step ${pauseAtStep} \\S+`),
  );
  child.kill('SIGKILL');
  return { exit: await exited, killedAt: line };
}

/** Runs the sensor producer script to completion. */
export async function runProducer(args: string[]): Promise<Exit> {
  const child = start(PRODUCER, args, {});
  return collect(child).exited;
}
