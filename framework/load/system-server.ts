/**
 * Starts the system under test for a load run when it is not running yet,
 * as Playwright's `webServer` does for a test run: a server that already
 * answers its health URL is reused, otherwise the command from nova.config.ts
 * starts it and the run waits for its health URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { environmentPrefix, probeHealth, type SystemEndpoint } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';

const log = createLogger('load');

/** Time between two health probes while the system starts. */
const POLL_INTERVAL_MS = 250;
/** Time given to the system to stop after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;

export class SystemStartError extends Error {
  override readonly name = 'SystemStartError';
}

export interface RunningSystem {
  /** True when this call started the system, and `stop` stops it. */
  started: boolean;
  stop(): Promise<void>;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The command runs in a shell of its own process group; the negative pid signals the whole group.
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group has already exited.
    }
  }, STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Ensures that `system` responds on its health URL, and starts it from its command when needed. */
export async function ensureSystemRunning(
  system: SystemEndpoint,
  options: { cwd: string; notify: (message: string) => void },
): Promise<RunningSystem> {
  const prefix = environmentPrefix(system.name);
  const probe = await probeHealth(system.healthURL);
  if (probe.state === 'healthy') {
    options.notify(`Reusing the ${system.name} server that already answers ${system.healthURL}.`);
    return { started: false, stop: () => Promise.resolve() };
  }
  if (!system.managed) {
    throw new SystemStartError(
      `${prefix}_URL=${system.baseURL}: GET ${system.healthURL} did not respond with 2xx (${probe.state}). ` +
        `Start ${system.name} there, or unset ${prefix}_URL to let nova start it.`,
    );
  }
  if (probe.state !== 'refused') {
    throw new SystemStartError(
      `Port ${new URL(system.baseURL).port} for ${system.name} is held by a process whose GET ${system.healthURL} ` +
        `did not respond with 2xx (${probe.state}). Stop that process, or set ${prefix}_PORT to a free port.`,
    );
  }

  options.notify(`Starting ${system.name}: ${system.command ?? ''}`);
  const child = spawn(system.command ?? '', {
    cwd: options.cwd,
    shell: true,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });

  const deadline = Date.now() + system.startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new SystemStartError(
        `${system.name} exited with code ${child.exitCode} before responding on ${system.healthURL}. Its last output:\n${stderr.trim() || '(none)'}`,
      );
    }
    const state = await probeHealth(system.healthURL, 2_000);
    if (state.state === 'healthy') {
      log('%s is up at %s', system.name, system.baseURL);
      return { started: true, stop: () => stopProcess(child) };
    }
    await wait(POLL_INTERVAL_MS);
  }
  await stopProcess(child);
  throw new SystemStartError(
    `${system.name} did not respond on ${system.healthURL} within ${system.startTimeoutMs / 1_000} s after "${system.command ?? ''}". ` +
      `Its last output:\n${stderr.trim() || '(none)'}`,
  );
}
