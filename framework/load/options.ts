/**
 * Validation of a scenario before any load starts: every problem is
 * collected, and reported together, one per line.
 */
import { isIP } from 'node:net';

import { parseDuration } from './duration.ts';
import type { ExecutorOptions, LoadRequest, LoadScenario } from './scenario.ts';
import { parseThresholds, ThresholdError, type ParsedThreshold } from './thresholds.ts';

/** Limits that keep a mistyped scenario from overloading the machine that runs it. */
export const LIMITS = {
  maxVUs: 1_000,
  maxRatePerSecond: 100_000,
  minDurationMs: 1_000,
  maxDurationMs: 3_600_000,
  maxStages: 100,
  maxIterations: 100_000_000,
  minTimeoutMs: 100,
  maxTimeoutMs: 120_000,
  maxWeight: 100,
  maxRequests: 100,
} as const;

const EXECUTORS = ['constant-vus', 'ramping-vus', 'constant-arrival-rate'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Raised with every problem found in a scenario or in its target. */
export class LoadOptionsError extends Error {
  override readonly name = 'LoadOptionsError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** A scenario after validation, with durations in milliseconds. */
export interface ValidatedScenario {
  id: string;
  system: string;
  scenario: LoadScenario;
  /** Planned running time, in ms; undefined for a `constant-vus` run bounded by `iterations`. */
  plannedDurationMs?: number;
  timeoutMs: number;
  thresholds: ParsedThreshold[];
  /** Every `key:value` tag that a request carries, `name:<request>` included. */
  tags: Set<string>;
}

function isWholeNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function checkDuration(
  value: unknown,
  label: string,
  problems: string[],
  min: number = LIMITS.minDurationMs,
): number | undefined {
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined) {
    problems.push(
      `${label} must be a duration such as "30s", "2m" or "1m30s", received ${JSON.stringify(value)}.`,
    );
    return undefined;
  }
  if (ms < min || ms > LIMITS.maxDurationMs) {
    problems.push(
      `${label} is ${JSON.stringify(value)}: it must be from ${min / 1_000} s to ${LIMITS.maxDurationMs / 60_000} min.`,
    );
    return undefined;
  }
  return ms;
}

function checkVUs(value: unknown, label: string, problems: string[], min = 1): void {
  if (!isWholeNumberIn(value, min, LIMITS.maxVUs)) {
    problems.push(
      `${label} must be a whole number from ${min} to ${LIMITS.maxVUs}, received ${JSON.stringify(value)}.`,
    );
  }
}

/** Checks the executor options; returns the planned duration in ms. */
function checkExecutor(
  options: ExecutorOptions,
  where: string,
  problems: string[],
): number | undefined {
  switch (options.executor) {
    case 'constant-vus': {
      checkVUs(options.vus, `${where}: vus`, problems);
      const hasDuration = options.duration !== undefined;
      const hasIterations = options.iterations !== undefined;
      if (hasDuration === hasIterations) {
        problems.push(
          `${where}: constant-vus takes either duration or iterations, and exactly one of them.`,
        );
        return undefined;
      }
      if (hasIterations) {
        if (!isWholeNumberIn(options.iterations, 1, LIMITS.maxIterations)) {
          problems.push(
            `${where}: iterations must be a whole number from 1 to ${LIMITS.maxIterations}, received ${JSON.stringify(options.iterations)}.`,
          );
        } else if (typeof options.vus === 'number' && options.iterations < options.vus) {
          problems.push(
            `${where}: iterations (${options.iterations}) must be at least vus (${options.vus}), because each virtual user sends at least one request.`,
          );
        }
        return undefined;
      }
      return checkDuration(options.duration, `${where}: duration`, problems);
    }

    case 'ramping-vus': {
      if (options.startVUs !== undefined)
        checkVUs(options.startVUs, `${where}: startVUs`, problems, 0);
      if (
        !Array.isArray(options.stages) ||
        options.stages.length === 0 ||
        options.stages.length > LIMITS.maxStages
      ) {
        problems.push(
          `${where}: stages must be a list of 1 to ${LIMITS.maxStages} { duration, target } entries.`,
        );
        return undefined;
      }
      let total = 0;
      options.stages.forEach((stage, index) => {
        total +=
          checkDuration(stage.duration, `${where}: stages[${index}].duration`, problems) ?? 0;
        checkVUs(stage.target, `${where}: stages[${index}].target`, problems, 0);
      });
      if (total > LIMITS.maxDurationMs) {
        problems.push(
          `${where}: the stages last ${total / 1_000} s in all, above the limit of ${LIMITS.maxDurationMs / 60_000} min.`,
        );
      }
      return total;
    }

    case 'constant-arrival-rate': {
      const unitMs = options.timeUnit === undefined ? 1_000 : parseDuration(options.timeUnit);
      if (unitMs === undefined || unitMs <= 0) {
        problems.push(
          `${where}: timeUnit must be a duration such as "1s" or "1m", received ${JSON.stringify(options.timeUnit)}.`,
        );
      }
      const perSecond =
        typeof options.rate === 'number' && unitMs ? (options.rate * 1_000) / unitMs : NaN;
      if (
        typeof options.rate !== 'number' ||
        !(options.rate > 0) ||
        !(perSecond <= LIMITS.maxRatePerSecond)
      ) {
        problems.push(
          `${where}: rate must be a number above 0 and at most ${LIMITS.maxRatePerSecond} requests per second, received ${JSON.stringify(options.rate)}` +
            (options.timeUnit ? ` per ${options.timeUnit}.` : ' per second.'),
        );
      }
      checkVUs(options.preAllocatedVUs, `${where}: preAllocatedVUs`, problems);
      if ('iterations' in options) {
        problems.push(
          `${where}: constant-arrival-rate runs for a duration; remove iterations, or use constant-vus for a count.`,
        );
      }
      return checkDuration(options.duration, `${where}: duration`, problems);
    }

    default:
      problems.push(
        `${where}: unknown executor ${JSON.stringify((options as { executor?: unknown }).executor)}; use one of ${EXECUTORS.join(', ')}.`,
      );
      return undefined;
  }
}

function checkRequest(request: LoadRequest, label: string, problems: string[]): void {
  if (typeof request.name !== 'string' || !/^[\w.-]+$/.test(request.name)) {
    problems.push(
      `${label}: name must be letters, digits, ".", "-" or "_", received ${JSON.stringify(request.name)}.`,
    );
  }
  if (request.method !== undefined && !METHODS.includes(request.method)) {
    problems.push(
      `${label}: method must be one of ${METHODS.join(', ')}, received ${JSON.stringify(request.method)}.`,
    );
  }
  if (typeof request.path !== 'string' || !request.path.startsWith('/')) {
    problems.push(
      `${label}: path must start with "/" (the target's base URL comes from nova.config.ts), received ${JSON.stringify(request.path)}.`,
    );
  }
  if (request.weight !== undefined && !isWholeNumberIn(request.weight, 1, LIMITS.maxWeight)) {
    problems.push(
      `${label}: weight must be a whole number from 1 to ${LIMITS.maxWeight}, received ${JSON.stringify(request.weight)}.`,
    );
  }
  if (request.build !== undefined && typeof request.build !== 'function') {
    problems.push(`${label}: build must be a function that returns { path?, headers?, body? }.`);
  }
  for (const [name, check] of Object.entries(request.checks ?? {})) {
    if (typeof check !== 'function')
      problems.push(
        `${label}: check "${name}" must be a function of the response that returns a boolean.`,
      );
  }
  for (const status of request.expectedStatuses ?? []) {
    if (!isWholeNumberIn(status, 100, 599))
      problems.push(
        `${label}: expectedStatuses has ${JSON.stringify(status)}, not an HTTP status from 100 to 599.`,
      );
  }
}

/** Tags of every request: the scenario's, the request's own, and `name:<request name>`. */
export function requestTags(scenario: LoadScenario, request: LoadRequest): Record<string, string> {
  return { ...scenario.tags, ...request.tags, name: request.name };
}

/** Applies the scenario's smoke replacements, for short runs. */
export function applySmoke(scenario: LoadScenario): LoadScenario {
  if (scenario.smoke === undefined) return scenario;
  const { thresholds, ...executor } = scenario.smoke;
  return {
    ...scenario,
    ...executor,
    ...(thresholds ? { thresholds } : {}),
    smoke: undefined,
  } as LoadScenario;
}

/**
 * Validates a scenario: executor, durations and limits, requests and
 * thresholds. Throws a LoadOptionsError listing every problem.
 */
export function validateScenario(
  id: string,
  system: string,
  scenario: LoadScenario,
): ValidatedScenario {
  const where = `Scenario "${id}"`;
  const problems: string[] = [];

  const plannedDurationMs = checkExecutor(scenario, where, problems);

  const timeoutMs =
    scenario.timeout === undefined
      ? 10_000
      : checkDuration(scenario.timeout, `${where}: timeout`, problems, LIMITS.minTimeoutMs);
  if (timeoutMs !== undefined && timeoutMs > LIMITS.maxTimeoutMs) {
    problems.push(
      `${where}: timeout must be at most ${LIMITS.maxTimeoutMs / 1_000} s, received ${JSON.stringify(scenario.timeout)}.`,
    );
  }

  if (scenario.generatorCpuLimit !== undefined) {
    const limit = scenario.generatorCpuLimit;
    if (typeof limit !== 'number' || !(limit > 0 && limit <= 100)) {
      problems.push(
        `${where}: generatorCpuLimit must be a percentage of one core above 0 and at most 100, received ${JSON.stringify(limit)}.`,
      );
    }
  }

  const tags = new Set<string>();
  if (
    !Array.isArray(scenario.requests) ||
    scenario.requests.length === 0 ||
    scenario.requests.length > LIMITS.maxRequests
  ) {
    problems.push(`${where}: requests must list 1 to ${LIMITS.maxRequests} requests.`);
  } else {
    const names = new Set<string>();
    scenario.requests.forEach((request, index) => {
      checkRequest(request, `${where}: requests[${index}]`, problems);
      if (names.has(request.name))
        problems.push(
          `${where}: two requests are named "${request.name}"; give each its own name.`,
        );
      names.add(request.name);
      for (const [key, value] of Object.entries(requestTags(scenario, request)))
        tags.add(`${key}:${value}`);
    });
  }

  let thresholds: ParsedThreshold[] = [];
  try {
    thresholds = parseThresholds(scenario.thresholds, tags, where);
  } catch (error) {
    if (!(error instanceof ThresholdError)) throw error;
    problems.push(...error.problems);
  }

  if (problems.length > 0) throw new LoadOptionsError(problems);
  return {
    id,
    system,
    scenario,
    ...(plannedDurationMs === undefined ? {} : { plannedDurationMs }),
    timeoutMs: timeoutMs ?? 10_000,
    thresholds,
    tags,
  };
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Checks that load goes only where it is allowed: a loopback address, or a
 * host listed in `allowedHosts` (NOVA_LOAD_ALLOWED_HOSTS). No default points
 * anywhere else, so a scenario cannot load a shared or remote system by mistake.
 */
export function checkTarget(
  baseURL: string,
  system: string,
  allowedHosts: readonly string[],
): void {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new LoadOptionsError([`The base URL of ${system}, "${baseURL}", is not a valid URL.`]);
  }
  if (url.protocol !== 'http:') {
    throw new LoadOptionsError([
      `The load generator sends plain HTTP/1.1; the base URL of ${system} uses ${url.protocol} ("${baseURL}"). Point it at an http:// URL.`,
    ]);
  }
  const host = url.hostname.toLowerCase();
  if (isLoopback(host) || allowedHosts.map((name) => name.trim().toLowerCase()).includes(host))
    return;
  throw new LoadOptionsError([
    `Refusing to send load to ${url.host} (${system}): load goes only to a loopback address or to a host listed in ` +
      `NOVA_LOAD_ALLOWED_HOSTS. If ${host} is a system you own and may load, set NOVA_LOAD_ALLOWED_HOSTS=${host}.`,
  ]);
}

/** Reads NOVA_LOAD_ALLOWED_HOSTS: host names separated by commas. */
export function allowedHostsFrom(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.NOVA_LOAD_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
}
