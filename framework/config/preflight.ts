import { ConfigError } from './config-error.ts';
import { environmentPrefix, type SystemEndpoint } from './systems.ts';

/** The outcome of one probe of a system's health URL. */
export type HealthProbe =
  | { state: 'healthy'; status: number }
  | { state: 'unhealthy'; status: number }
  | { state: 'refused' }
  | { state: 'timeout' }
  | { state: 'failed'; message: string };

/**
 * A health check slower than this means that a process occupies the port
 * without serving HTTP. Playwright's own webServer probe has no time limit and would
 * wait for ever on such a port.
 */
export const HEALTH_PROBE_TIMEOUT_MS = 5_000;

/** Sends one GET to a health URL and classifies the response. */
export async function probeHealth(
  url: string,
  timeoutMs = HEALTH_PROBE_TIMEOUT_MS,
): Promise<HealthProbe> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return response.ok
      ? { state: 'healthy', status: response.status }
      : { state: 'unhealthy', status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') return { state: 'refused' };
    if ((error as Error).name === 'TimeoutError') return { state: 'timeout' };
    return { state: 'failed', message: cause?.code ?? (error as Error).message };
  }
}

export interface PreflightOptions {
  /** In CI a busy port is an error; elsewhere a healthy server there is reused, as Playwright does. */
  isCI: boolean;
  timeoutMs?: number;
  /** Receives one line per reused server. */
  notify?: (message: string) => void;
}

/**
 * Checks every system before Playwright starts any of them. A busy port, a
 * hung process or a dead `NOVA_<NAME>_URL` then fails in seconds with a
 * message that names the variable to change. Without the check, the run hangs
 * or every test fails with ECONNREFUSED.
 */
export async function checkSystems(
  systems: Record<string, SystemEndpoint>,
  options: PreflightOptions,
): Promise<void> {
  const problems: string[] = [];

  await Promise.all(
    Object.values(systems).map(async (system) => {
      const prefix = environmentPrefix(system.name);
      const probe = await probeHealth(system.healthURL, options.timeoutMs);

      if (!system.managed) {
        if (probe.state !== 'healthy') {
          problems.push(
            `${prefix}_URL=${system.baseURL}: GET ${system.healthURL} ${describe(probe, options.timeoutMs)}. ` +
              `Start ${system.name} there, or unset ${prefix}_URL to let the framework start it.`,
          );
        }
        return;
      }

      const port = new URL(system.baseURL).port;
      switch (probe.state) {
        case 'refused':
          return;
        case 'healthy':
          if (options.isCI) {
            problems.push(
              `Port ${port} for ${system.name} is already in use, and in CI the framework starts its own server. ` +
                `Stop the process on port ${port}, or set ${prefix}_PORT to a free port.`,
            );
          } else {
            options.notify?.(
              `nova: reusing the ${system.name} server that already answers ${system.healthURL}; ` +
                `stop it or set ${prefix}_PORT to test a fresh one.`,
            );
          }
          return;
        default:
          problems.push(
            `Port ${port} for ${system.name} is held by a process whose GET ${system.healthURL} ` +
              `${describe(probe, options.timeoutMs)}. Stop that process, or set ${prefix}_PORT to a free port.`,
          );
      }
    }),
  );

  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}

function describe(probe: HealthProbe, timeoutMs = HEALTH_PROBE_TIMEOUT_MS): string {
  switch (probe.state) {
    case 'healthy':
      return `answered ${probe.status}`;
    case 'unhealthy':
      return `answered ${probe.status}, not 2xx`;
    case 'refused':
      return 'was refused (nothing listens there)';
    case 'timeout':
      return `did not answer within ${timeoutMs / 1000} s`;
    case 'failed':
      return `failed (${probe.message})`;
  }
}
