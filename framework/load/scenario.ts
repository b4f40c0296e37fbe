/**
 * The scenario model: what a file under perf/ declares. One file per system
 * under test exports `defineLoadScenarios({ system, scenarios })`.
 */
import type { ThresholdDefinition } from './thresholds.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** The response a check looks at. `json()` parses the body once and caches it. */
export interface CheckResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | string[]>;
  body: string;
  json(): unknown;
}

/** A named predicate on a response; a check that throws counts as failed. */
export type Check = (response: CheckResponse) => boolean;

/** What a request builder may change for each request it sends. */
export interface BuiltRequest {
  path?: string;
  headers?: Record<string, string>;
  body?: string | object;
}

export interface LoadRequest {
  /** Name of the request in the summary; it is also its `name` tag. */
  name: string;
  method?: HttpMethod;
  /** Path and query, starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as it is; an object as JSON with `content-type: application/json`. */
  body?: string | object;
  /**
   * Builds the request anew each time it is sent, from the count of requests
   * this virtual user sent before. Its fields replace `path`, `headers` and `body`.
   */
  build?: (iteration: number) => BuiltRequest;
  /** Share of this request in the mix: each virtual user sends it `weight` times per round. */
  weight?: number;
  tags?: Record<string, string>;
  checks?: Record<string, Check>;
  /** Statuses that count as success; default 200 to 399, as in k6. */
  expectedStatuses?: readonly number[];
}

/** A fixed number of virtual users (connections), each sending its next request as soon as the last one ended. */
export interface ConstantVusExecutor {
  executor: 'constant-vus';
  vus: number;
  /** How long to run, for example `30s`; give this or `iterations`. */
  duration?: string;
  /** How many requests to send in all; give this or `duration`. */
  iterations?: number;
}

export interface Stage {
  duration: string;
  /** Virtual users at the end of the stage; the count moves linearly towards it during the stage. */
  target: number;
}

/** Virtual users that ramp up and down through stages, as k6's ramping-vus. */
export interface RampingVusExecutor {
  executor: 'ramping-vus';
  startVUs?: number;
  stages: Stage[];
}

/**
 * An open model: `rate` requests per `timeUnit`, started at even intervals
 * whatever the response times. An arrival that finds every virtual user busy
 * is dropped and counted in `dropped_iterations`, as in k6.
 */
export interface ConstantArrivalRateExecutor {
  executor: 'constant-arrival-rate';
  rate: number;
  /** Default `1s`. */
  timeUnit?: string;
  duration: string;
  /** Connections kept open to serve the arrivals. */
  preAllocatedVUs: number;
}

export type ExecutorOptions =
  ConstantVusExecutor | RampingVusExecutor | ConstantArrivalRateExecutor;

export type ExecutorName = ExecutorOptions['executor'];

export type LoadScenario = ExecutorOptions & {
  description?: string;
  requests: LoadRequest[];
  thresholds?: Record<string, ThresholdDefinition[]>;
  /** Tags added to every request of the scenario. */
  tags?: Record<string, string>;
  /** Time after which a request counts as timed out; default `10s`. */
  timeout?: string;
  /**
   * Generator CPU, in percent of one core, above which the result is marked
   * unreliable; default {@link DEFAULT_GENERATOR_CPU_LIMIT}.
   */
  generatorCpuLimit?: number;
  /** Replacements for a short smoke run (`nova load --smoke` and the `load` Playwright project). */
  smoke?: Partial<ExecutorOptions> & { thresholds?: Record<string, ThresholdDefinition[]> };
};

export interface LoadScenarioFile {
  /** Name of the system under test in nova.config.ts. */
  system: string;
  scenarios: Record<string, LoadScenario>;
}

/**
 * A single Node.js thread runs the generator, so 100 % of one core is its
 * ceiling. Above 80 % its own queueing adds to the latencies it measures:
 * the 80 % is the usual utilisation knee of a single-server queue, where waiting
 * time grows as u / (1 - u) (M/M/1).
 */
export const DEFAULT_GENERATOR_CPU_LIMIT = 80;

/** Declares the load scenarios of one system; returns its argument, typed. */
export function defineLoadScenarios(file: LoadScenarioFile): LoadScenarioFile {
  return file;
}
