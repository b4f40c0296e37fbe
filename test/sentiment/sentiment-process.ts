import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(
  new URL('../../systems-under-test/sentiment/src/main.ts', import.meta.url),
);

/** Time allowed for tsx to load the app and for it to listen. */
const START_TIMEOUT_MS = 30_000;

/** The sentiment app running as its own process on a free port of 127.0.0.1. */
export interface SentimentProcess {
  child: ChildProcess;
  baseURL: string;
  /** Log lines of pino level 50 (error) or 60 (fatal) so far. */
  readonly errorLines: string[];
  stop: () => Promise<void>;
}

/** Starts `main.ts --port 0` with tsx and waits for Fastify's "Server listening" line. */
export async function startSentimentProcess(): Promise<SentimentProcess> {
  // NOVA_FAULTS passes through, so that a run with a seeded fault switched on tests that fault.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  delete env.PORT;
  delete env.HOST;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, '--port', '0', '--host', '127.0.0.1'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  const errorLines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });

  const baseURL = await new Promise<string>((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      reject(
        new Error(
          `The sentiment app did not listen within ${START_TIMEOUT_MS} ms. stderr: ${stderr}`,
        ),
      );
    }, START_TIMEOUT_MS);

    // Every line is read, also after start, so that the pipe never fills and error lines are kept.
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (/"level":(50|60)/.test(line)) errorLines.push(line);
        const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (listening !== null) {
          clearTimeout(timer);
          resolve(listening[1]!);
        }
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The sentiment app exited with code ${code} (signal ${signal}) before listening. stderr: ${stderr}`,
        ),
      );
    });
  });

  return {
    child,
    baseURL,
    errorLines,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
