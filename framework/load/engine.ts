/**
 * Runs one validated scenario with autocannon and records every request at
 * microsecond resolution. autocannon's own latency histogram stores whole
 * milliseconds; its Client reports each response's time from
 * `process.hrtime`, as fractional milliseconds, in the `response` event, and
 * that is what is recorded here.
 *
 * Executors: `constant-vus` is one autocannon run. `ramping-vus` is a run
 * per second of each stage, with the count of connections interpolated
 * linearly between the stage targets, because autocannon cannot change its
 * connection count while it runs. `constant-arrival-rate` is one run whose
 * connections wait for arrivals from an {@link ArrivalPacer}.
 */
import autocannon from 'autocannon';

import { createLogger } from '../logging/index.ts';
import { ArrivalPacer, type PacedClient } from './arrival-pacer.ts';
import { parseDuration } from './duration.ts';
import { GeneratorCpu } from './generator-cpu.ts';
import { requestTags, type ValidatedScenario } from './options.ts';
import { LoadRecorder } from './recorder.ts';
import type { CheckResponse } from './scenario.ts';
import { evaluateThreshold, type ThresholdResult } from './thresholds.ts';

const log = createLogger('load');

/** A snapshot of the run, once a second, for the progress line. */
export interface LoadProgress {
  elapsedMs: number;
  plannedMs?: number;
  requests: number;
  /** Responses in the last whole second. */
  rps: number;
  p99Us: number;
  failed: number;
  vus: number;
  cpuPercent: number;
}

export interface EngineOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Stops the run early, as a threshold with abortOnFail does. */
  signal?: AbortSignal;
}

export interface EngineResult {
  recorder: LoadRecorder;
  cpu: GeneratorCpu;
  elapsedMs: number;
  /** The threshold whose abortOnFail stopped the run, and when. */
  aborted?: { threshold: ThresholdResult; atMs: number };
  /** Peak connections in use. */
  maxVUs: number;
}

/** One entry of autocannon's `requests` list, with the tags that the recorder needs. */
interface CannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest) => CannonRequest;
  onResponse?: (
    status: number,
    body: string,
    context: unknown,
    headers: Record<string, unknown>,
  ) => void;
  /** The request's `key:value` tags, which the recorder files its figures under. */
  novaTags: string[];
  /** Statuses that count as success; undefined for 200 to 399. */
  novaExpected?: number[];
}

/** The autocannon Client, as far as the engine uses it. */
type CannonClient = PacedClient & {
  on(
    event: 'response',
    listener: (status: number, bytes: number, durationMs: number) => void,
  ): void;
  on(event: 'connError', listener: (error: NodeJS.ErrnoException) => void): void;
  on(event: 'timeout', listener: () => void): void;
  requestIterator: { currentRequest?: Partial<CannonRequest> };
};

function encodeBody(
  body: string | object | undefined,
  headers: Record<string, string>,
): { body?: string; headers: Record<string, string> } {
  if (body === undefined) return { headers };
  if (typeof body === 'string') return { body, headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return {
    body: JSON.stringify(body),
    headers: hasType ? headers : { ...headers, 'content-type': 'application/json' },
  };
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    result[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return result;
}

function isExpected(expected: readonly number[] | undefined, status: number): boolean {
  return expected ? expected.includes(status) : status >= 200 && status < 400;
}

function buildRequests(validated: ValidatedScenario, recorder: LoadRecorder): CannonRequest[] {
  const { scenario } = validated;
  const requests: CannonRequest[] = [];

  for (const request of scenario.requests) {
    const tags = Object.entries(requestTags(scenario, request)).map(
      ([key, value]) => `${key}:${value}`,
    );
    const checks = Object.entries(request.checks ?? {});
    const base = encodeBody(request.body, request.headers ?? {});
    let iteration = 0;

    const entry: CannonRequest = {
      method: request.method ?? 'GET',
      path: request.path,
      headers: base.headers,
      ...(base.body === undefined ? {} : { body: base.body }),
      novaTags: tags,
      ...(request.expectedStatuses ? { novaExpected: [...request.expectedStatuses] } : {}),
    };

    // autocannon converts the headers of every response for onResponse, which
    // costs CPU per request, so only a request with checks gets one.
    if (checks.length > 0) {
      entry.onResponse = (status, body, _context, headers) => {
        let parsed: unknown;
        let isParsed = false;
        const response: CheckResponse = {
          status,
          body,
          headers: lowerCaseHeaders(headers),
          json: () => {
            if (!isParsed) {
              parsed = JSON.parse(body);
              isParsed = true;
            }
            return parsed;
          },
        };
        for (const [name, check] of checks) {
          let passed = false;
          try {
            passed = check(response) === true;
          } catch {
            passed = false;
          }
          recorder.recordCheck(name, passed, tags);
        }
      };
    }

    if (request.build) {
      const build = request.build;
      entry.setupRequest = (current) => {
        const built = build(iteration);
        iteration += 1;
        const headers = { ...(request.headers ?? {}), ...(built.headers ?? {}) };
        const encoded = encodeBody(built.body ?? request.body, headers);
        return {
          ...current,
          path: built.path ?? request.path,
          headers: encoded.headers,
          ...(encoded.body === undefined ? {} : { body: encoded.body }),
        };
      };
    }

    for (let copy = 0; copy < (request.weight ?? 1); copy += 1) requests.push(entry);
  }
  return requests;
}

/** Returns the connection count of each one-second slice of a ramping-vus scenario. */
export function rampSlices(
  startVUs: number,
  stages: ReadonlyArray<{ duration: string; target: number }>,
): Array<{ vus: number; ms: number }> {
  const slices: Array<{ vus: number; ms: number }> = [];
  let from = startVUs;
  for (const stage of stages) {
    const ms = parseDuration(stage.duration) ?? 0;
    const count = Math.max(1, Math.round(ms / 1_000));
    for (let index = 0; index < count; index += 1) {
      // The middle of the slice, so that a ramp from 0 to 10 over 10 s runs 1, 2, ... 10 connections.
      const vus = Math.round(from + ((stage.target - from) * (index + 1)) / count);
      slices.push({ vus, ms: ms / count });
    }
    from = stage.target;
  }
  return slices;
}

interface Slice {
  vus: number;
  durationMs?: number;
  iterations?: number;
  pacer?: ArrivalPacer;
}

function slicesOf(validated: ValidatedScenario): Slice[] {
  const { scenario } = validated;
  switch (scenario.executor) {
    case 'constant-vus':
      return [
        scenario.iterations !== undefined
          ? { vus: scenario.vus, iterations: scenario.iterations }
          : { vus: scenario.vus, durationMs: parseDuration(scenario.duration ?? '0') ?? 0 },
      ];
    case 'ramping-vus':
      return rampSlices(scenario.startVUs ?? 0, scenario.stages).map((slice) => ({
        vus: slice.vus,
        durationMs: slice.ms,
      }));
    case 'constant-arrival-rate': {
      const unitMs = parseDuration(scenario.timeUnit ?? '1s') ?? 1_000;
      return [
        {
          vus: scenario.preAllocatedVUs,
          durationMs: parseDuration(scenario.duration) ?? 0,
          pacer: new ArrivalPacer((scenario.rate * 1_000) / unitMs),
        },
      ];
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Runs the scenario against `baseURL` and returns what was recorded. */
export async function runEngine(
  validated: ValidatedScenario,
  baseURL: string,
  options: EngineOptions = {},
): Promise<EngineResult> {
  const recorder = new LoadRecorder();
  const cpu = new GeneratorCpu();
  const requests = buildRequests(validated, recorder);
  const abortThresholds = validated.thresholds.filter((threshold) => threshold.abortOnFail);

  const stop = new AbortController();
  options.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  let aborted: EngineResult['aborted'];
  let currentVUs = 0;
  let maxVUs = 0;

  const progress = setInterval(() => {
    const cpuPercent = cpu.sampleInterval();
    const elapsedMs = recorder.elapsedMs();
    options.onProgress?.({
      elapsedMs,
      ...(validated.plannedDurationMs === undefined
        ? {}
        : { plannedMs: validated.plannedDurationMs }),
      requests: recorder.total.requests,
      rps: recorder.lastSecondRate(),
      p99Us:
        recorder.total.histogram.totalCount === 0
          ? 0
          : recorder.total.histogram.getValueAtPercentile(99),
      failed: recorder.total.failed,
      vus: currentVUs,
      cpuPercent,
    });

    for (const threshold of abortThresholds) {
      if (aborted || elapsedMs < threshold.delayAbortEvalMs) continue;
      const result = evaluateThreshold(
        threshold,
        recorder.thresholdSource(threshold.tag, elapsedMs),
      );
      if (!result.pass) {
        aborted = { threshold: result, atMs: elapsedMs };
        log(
          'aborting %s: threshold %s broken after %d ms',
          validated.id,
          threshold.expression,
          Math.round(elapsedMs),
        );
        stop.abort();
      }
    }
  }, 1_000);

  try {
    for (const slice of slicesOf(validated)) {
      if (stop.signal.aborted) break;
      currentVUs = slice.vus;
      maxVUs = Math.max(maxVUs, slice.vus);
      if (slice.vus === 0) {
        await sleep(slice.durationMs ?? 0, stop.signal);
        continue;
      }
      await runSlice(slice, baseURL, validated.timeoutMs, requests, recorder, stop.signal);
    }
  } finally {
    clearInterval(progress);
  }

  return {
    recorder,
    cpu,
    elapsedMs: recorder.elapsedMs(),
    ...(aborted ? { aborted } : {}),
    maxVUs,
  };
}

function runSlice(
  slice: Slice,
  baseURL: string,
  timeoutMs: number,
  requests: CannonRequest[],
  recorder: LoadRecorder,
  signal: AbortSignal,
): Promise<void> {
  const pacer = slice.pacer;
  if (pacer) {
    pacer.onDrop = () => {
      recorder.droppedIterations += 1;
    };
  }

  const setupClient = (raw: unknown): void => {
    const client = raw as CannonClient;
    if (pacer) pacer.attach(client);

    // With one request in flight per connection, autocannon emits `response`
    // before it moves to the next request, so the current request is the one that got this response.
    client.on('response', (status, bytes, durationMs) => {
      const request = client.requestIterator.currentRequest;
      recorder.recordResponse({
        latencyUs: durationMs * 1_000,
        status,
        bytes,
        failed: !isExpected(request?.novaExpected, status),
        tags: request?.novaTags ?? [],
      });
    });
    client.on('connError', (error) => {
      recorder.recordFailure(
        error.code ?? 'connection error',
        client.requestIterator.currentRequest?.novaTags ?? [],
      );
    });
    client.on('timeout', () => {
      recorder.recordFailure('timeout', client.requestIterator.currentRequest?.novaTags ?? []);
    });
  };

  const cannonOptions = {
    url: baseURL,
    connections: slice.vus,
    pipelining: 1,
    timeout: timeoutMs / 1_000,
    requests,
    setupClient,
    ...(slice.iterations !== undefined
      ? { amount: slice.iterations }
      : { duration: (slice.durationMs ?? 0) / 1_000 }),
  };

  return new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      cannonOptions as unknown as autocannon.Options,
      (error: unknown) => {
        pacer?.stop();
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        else resolve();
      },
    );
    const onAbort = (): void => instance.stop();
    signal.addEventListener('abort', onAbort, { once: true });
    if (pacer) instance.on('start', () => pacer.start());
  });
}
