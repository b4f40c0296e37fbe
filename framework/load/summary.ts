/**
 * The summary of one scenario run: the body of the `nova-load` attachment,
 * the JSON file written next to the charts, and the row of the results store.
 */
import { hostname } from 'node:os';

import type { EngineResult } from './engine.ts';
import { decodeHistogram, encodeHistogram, latencyStats, type LatencyStats } from './histogram.ts';
import type { ValidatedScenario } from './options.ts';
import type { CheckCounts, TimelinePoint } from './recorder.ts';
import { DEFAULT_GENERATOR_CPU_LIMIT } from './scenario.ts';
import {
  evaluateThreshold,
  parseThresholds,
  type ParsedThreshold,
  type ThresholdResult,
  type ThresholdSource,
} from './thresholds.ts';

/** Figures of one tag (`name:predict`, `endpoint:batch` ...). */
export interface TagSummary {
  requests: number;
  errors: number;
  checksPassed: number;
  checksFailed: number;
  latencyUs: LatencyStats;
  histogram: string;
}

export interface GeneratorSummary {
  /** Mean CPU of the generator process over the run, in percent of one core. */
  cpuPercent: number;
  /** Highest one-second CPU sample, in percent of one core. */
  peakCpuPercent: number;
  cpuLimitPercent: number;
  /** Generator CPU time per request, in microseconds. */
  cpuUsPerRequest: number;
  /** Label of the generator, when several share one scenario. */
  label?: string;
}

export interface LoadSummary {
  /** `<file>/<scenario>`, for example `iris/predict-constant-rate`. */
  scenario: string;
  system: string;
  executor: string;
  startedAt: string;
  durationMs: number;
  requests: number;
  /** Failed requests: network errors, timeouts, and statuses outside the expected ones. */
  errors: number;
  rps: number;
  /** Bytes received per second. */
  throughputBytesPerSecond: number;
  bytesReceived: number;
  latencyUs: LatencyStats;
  statusCodes: Record<string, number>;
  errorsByKind: Record<string, number>;
  checks: Record<string, CheckCounts>;
  thresholds: ThresholdResult[];
  tags: Record<string, TagSummary>;
  droppedIterations: number;
  maxVUs: number;
  generator: GeneratorSummary;
  /** False when the generator passed its CPU limit, so that the figures measure it more than the system. */
  reliable: boolean;
  /** Reason the result is unreliable, written for people. */
  unreliableReason?: string;
  timeline: TimelinePoint[];
  /** Machine label that history compares on. */
  machine: string;
  /** `smoke` for the short version of a scenario, which history never compares with a full run. */
  profile: 'full' | 'smoke';
  /** Set when a threshold with abortOnFail stopped the run. */
  aborted?: { expression: string; metric: string; tag?: string; atMs: number };
  /** Encoded HDR histogram of every latency, in microseconds. */
  histogram: string;
  /** Number of summaries merged into this one; 1 for a single generator. */
  generators: number;
}

/** The machine label: NOVA_MACHINE when set, the host name otherwise. */
export function machineLabel(env: NodeJS.ProcessEnv = process.env): string {
  return env.NOVA_MACHINE?.trim() || hostname();
}

function sortedRecord<T>(entries: Iterable<[string | number, T]>): Record<string, T> {
  const pairs: Array<[string, T]> = [...entries].map(([key, value]) => [String(key), value]);
  pairs.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  return Object.fromEntries(pairs);
}

/** Evaluates every threshold on the figures of the run. */
export function evaluateThresholds(
  thresholds: readonly ParsedThreshold[],
  result: EngineResult,
): ThresholdResult[] {
  return thresholds.map((threshold) =>
    evaluateThreshold(threshold, result.recorder.thresholdSource(threshold.tag, result.elapsedMs)),
  );
}

export function buildSummary(
  validated: ValidatedScenario,
  result: EngineResult,
  options: { startedAt: Date; machine: string; profile: 'full' | 'smoke'; generatorLabel?: string },
): LoadSummary {
  const { recorder } = result;
  const seconds = Math.max(result.elapsedMs, 1) / 1_000;
  const cpu = result.cpu.total();
  const limit = validated.scenario.generatorCpuLimit ?? DEFAULT_GENERATOR_CPU_LIMIT;
  const requests = recorder.total.requests;

  const reliable = cpu.percent <= limit;
  const tags: Record<string, TagSummary> = {};
  for (const [pair, measurement] of [...recorder.byTag.entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    tags[pair] = {
      requests: measurement.requests,
      errors: measurement.failed,
      checksPassed: measurement.checksPassed,
      checksFailed: measurement.checksFailed,
      latencyUs: latencyStats(measurement.histogram),
      histogram: encodeHistogram(measurement.histogram),
    };
  }

  return {
    scenario: validated.id,
    system: validated.system,
    executor: validated.scenario.executor,
    startedAt: options.startedAt.toISOString(),
    durationMs: result.elapsedMs,
    requests,
    errors: recorder.total.failed,
    rps: requests / seconds,
    throughputBytesPerSecond: recorder.bytesReceived / seconds,
    bytesReceived: recorder.bytesReceived,
    latencyUs: latencyStats(recorder.total.histogram),
    statusCodes: sortedRecord(recorder.statusCodes.entries()),
    errorsByKind: sortedRecord(recorder.errorsByKind.entries()),
    checks: sortedRecord(recorder.checks.entries()),
    thresholds: evaluateThresholds(validated.thresholds, result),
    tags,
    droppedIterations: recorder.droppedIterations,
    maxVUs: result.maxVUs,
    generator: {
      cpuPercent: cpu.percent,
      peakCpuPercent: Math.max(result.cpu.peakPercent, cpu.percent),
      cpuLimitPercent: limit,
      cpuUsPerRequest: requests === 0 ? 0 : cpu.cpuUs / requests,
      ...(options.generatorLabel ? { label: options.generatorLabel } : {}),
    },
    reliable,
    ...(reliable
      ? {}
      : {
          unreliableReason:
            `the load generator used ${cpu.percent.toFixed(0)} % of a core, above its limit of ${limit} %, ` +
            'so requests queued in the generator: rps reads low and latencies read high. ' +
            'Run fewer virtual users, or several generators and `nova load merge`.',
        }),
    timeline: recorder.timeline(),
    machine: options.machine,
    profile: options.profile,
    ...(result.aborted
      ? {
          aborted: {
            expression: result.aborted.threshold.expression,
            metric: result.aborted.threshold.metric,
            ...(result.aborted.threshold.tag ? { tag: result.aborted.threshold.tag } : {}),
            atMs: result.aborted.atMs,
          },
        }
      : {}),
    histogram: encodeHistogram(recorder.total.histogram),
    generators: 1,
  };
}

/** The thresholds of a summary that failed. */
export function brokenThresholds(summary: LoadSummary): ThresholdResult[] {
  return summary.thresholds.filter((threshold) => !threshold.pass);
}

/** The figures of a stored summary, or of one of its tags, that thresholds evaluate. */
export function summaryThresholdSource(
  summary: LoadSummary,
  tag: string | undefined,
): ThresholdSource {
  let checksPassed = 0;
  let checksFailed = 0;
  for (const counts of Object.values(summary.checks)) {
    checksPassed += counts.passes;
    checksFailed += counts.fails;
  }
  const tagged = tag === undefined ? undefined : summary.tags[tag];
  return {
    histogram: decodeHistogram(tagged?.histogram ?? summary.histogram),
    requests: tagged?.requests ?? summary.requests,
    failed: tagged?.errors ?? summary.errors,
    checksPassed: tagged?.checksPassed ?? checksPassed,
    checksFailed: tagged?.checksFailed ?? checksFailed,
    droppedIterations: summary.droppedIterations,
    elapsedMs: summary.durationMs,
  };
}

/**
 * Evaluates the thresholds that a summary carries again, on its own figures:
 * after a merge, the thresholds of the generators apply to the merged run.
 */
export function reevaluateThresholds(
  summary: LoadSummary,
  thresholds: readonly ThresholdResult[],
): ThresholdResult[] {
  const definitions: Record<string, Array<{ threshold: string; abortOnFail: boolean }>> = {};
  const seen = new Set<string>();
  for (const threshold of thresholds) {
    const key = threshold.tag ? `${threshold.metric}{${threshold.tag}}` : threshold.metric;
    if (seen.has(`${key} ${threshold.expression}`)) continue;
    seen.add(`${key} ${threshold.expression}`);
    (definitions[key] ??= []).push({
      threshold: threshold.expression,
      abortOnFail: threshold.abortOnFail,
    });
  }
  const parsed = parseThresholds(
    definitions,
    new Set(Object.keys(summary.tags)),
    `Merged scenario "${summary.scenario}"`,
  );
  return parsed.map((threshold) =>
    evaluateThreshold(threshold, summaryThresholdSource(summary, threshold.tag)),
  );
}
