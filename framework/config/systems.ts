import { ConfigError } from './config-error.ts';

/** The start command and health check of one system under test, as declared in nova.config.ts. */
export interface SystemDefinition {
  /** Shell command that starts the system; `{port}` is replaced by the port. */
  command: string;
  /** Port used when neither `NOVA_<NAME>_PORT` nor `NOVA_<NAME>_URL` is set. */
  defaultPort: number;
  /** Path that returns 2xx once the system is ready, for example `/health`. */
  healthPath: string;
  /** Time allowed for start-up, in milliseconds. */
  startTimeoutMs?: number;
  /** Other systems that this one calls: a run that starts this system starts them too. */
  needs?: readonly string[];
}

/** The location of a system under test for this run, after environment overrides. */
export interface SystemEndpoint {
  name: string;
  /** Base URL without a trailing slash, for example `http://127.0.0.1:3101`. */
  baseURL: string;
  healthURL: string;
  /**
   * True when the framework starts the system itself; false when
   * `NOVA_<NAME>_URL` points at a deployment that is already running.
   */
  managed: boolean;
  /** Start command with the port filled in; undefined when not managed. */
  command?: string;
  startTimeoutMs: number;
}

const DEFAULT_START_TIMEOUT_MS = 120_000;
const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

/** `iris-api` becomes `NOVA_IRIS_API`. */
export function environmentPrefix(name: string): string {
  return `NOVA_${name.toUpperCase().replaceAll('-', '_')}`;
}

export function parsePort(value: string, variable: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ConfigError(
      `${variable} must be a TCP port from 1 to 65535, received "${value}". ` +
        `Set it to a free port, for example ${variable}=3201, or unset it to use the default.`,
    );
  }
  return port;
}

export function parseBaseURL(value: string, variable: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `${variable} must be an absolute http(s) URL, received "${value}". ` +
        `Example: ${variable}=http://127.0.0.1:3101`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      `${variable} must use http or https, received "${url.protocol}" in "${value}".`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(
      `${variable} must not contain a user name or password, because base URLs are written to ` +
        `reports and logs. Remove them from ${variable}.`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `${variable} must be a base URL without query or fragment, received "${value}".`,
    );
  }
  return url;
}

/**
 * `NOVA_PORT_OFFSET` shifts every default port, so that two checkouts (or two
 * people on one machine) can run their systems side by side without setting
 * a port per system. An explicit `NOVA_<NAME>_PORT` is taken as given.
 */
export function parsePortOffset(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const offset = Number(value);
  if (!/^\d+$/.test(value.trim()) || offset > 60_000) {
    throw new ConfigError(
      `NOVA_PORT_OFFSET must be a whole number from 0 to 60000, received "${value}". ` +
        `Example: NOVA_PORT_OFFSET=1000 moves the Iris API from 3101 to 4101.`,
    );
  }
  return offset;
}

function validateDefinition(name: string, definition: SystemDefinition): void {
  if (!NAME_PATTERN.test(name)) {
    throw new ConfigError(
      `System name "${name}" is invalid: use lower-case letters, digits and dashes, starting with a letter.`,
    );
  }
  if (!definition.command.includes('{port}')) {
    throw new ConfigError(
      `System "${name}": command "${definition.command}" must contain {port}, ` +
        `so that the framework can start it on the configured port.`,
    );
  }
  parsePort(String(definition.defaultPort), `systems.${name}.defaultPort`);
  if (!definition.healthPath.startsWith('/')) {
    throw new ConfigError(
      `System "${name}": healthPath must start with "/", received "${definition.healthPath}".`,
    );
  }
}

/**
 * Resolves each declared system to an endpoint for this run. `NOVA_<NAME>_URL`
 * selects an already-running deployment; `NOVA_<NAME>_PORT` moves the one
 * the framework starts. Every value is validated before any test runs.
 */
export function resolveSystems(
  definitions: Record<string, SystemDefinition>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, SystemEndpoint> {
  const endpoints: Record<string, SystemEndpoint> = {};
  const portOffset = parsePortOffset(env.NOVA_PORT_OFFSET);

  for (const [name, definition] of Object.entries(definitions)) {
    validateDefinition(name, definition);
    const prefix = environmentPrefix(name);
    const startTimeoutMs = definition.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;

    const urlValue = env[`${prefix}_URL`];
    if (urlValue !== undefined && urlValue !== '') {
      if (env[`${prefix}_PORT`]) {
        throw new ConfigError(
          `Both ${prefix}_URL and ${prefix}_PORT are set. ` +
            `${prefix}_URL targets a running deployment, ${prefix}_PORT moves the one the framework starts: unset one of them.`,
        );
      }
      const url = parseBaseURL(urlValue, `${prefix}_URL`);
      const baseURL = url.href.replace(/\/+$/, '');
      endpoints[name] = {
        name,
        baseURL,
        healthURL: baseURL + definition.healthPath,
        managed: false,
        startTimeoutMs,
      };
      continue;
    }

    const portValue = env[`${prefix}_PORT`];
    const port =
      portValue !== undefined && portValue !== ''
        ? parsePort(portValue, `${prefix}_PORT`)
        : parsePort(
            String(definition.defaultPort + portOffset),
            `${prefix} default port + NOVA_PORT_OFFSET`,
          );
    const baseURL = `http://127.0.0.1:${port}`;
    endpoints[name] = {
      name,
      baseURL,
      healthURL: baseURL + definition.healthPath,
      managed: true,
      command: definition.command.replaceAll('{port}', String(port)),
      startTimeoutMs,
    };
  }

  return endpoints;
}

/**
 * Returns the endpoint of one system, or a ConfigError listing the known ones,
 * because a typo in a spec should not read as a network failure.
 */
export function systemEndpoint(
  systems: Record<string, SystemEndpoint>,
  name: string,
): SystemEndpoint {
  const endpoint = systems[name];
  if (endpoint === undefined) {
    const known = Object.keys(systems).join(', ') || '(none)';
    throw new ConfigError(
      `Unknown system under test "${name}". Known systems: ${known}. Declare it in nova.config.ts.`,
    );
  }
  return endpoint;
}
