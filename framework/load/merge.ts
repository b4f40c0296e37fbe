/**
 * Merges the summaries of several generators that ran one scenario at the
 * same time, for example one per CI job. Counts add up; latencies come from
 * the sum of the encoded HDR histograms, so every percentile of the merge is
 * the percentile of all the requests together, not an average of percentiles.
 */
import { decodeHistogram, encodeHistogram, latencyStats, mergeHistograms } from './histogram.ts';
import type { CheckCounts, TimelinePoint } from './recorder.ts';
import { reevaluateThresholds, type LoadSummary, type TagSummary } from './summary.ts';

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function addCounts(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

/**
 * Merges summaries of one scenario. The generators ran in parallel, so the
 * merged duration is the longest one, and rps is all requests over it.
 * The thresholds of the first summary are evaluated again on the merged figures.
 */
export function mergeSummaries(summaries: readonly LoadSummary[]): LoadSummary {
  const first = summaries[0];
  if (first === undefined)
    throw new MergeError('Nothing to merge: pass at least one load summary.');
  const problems = summaries
    .filter((summary) => summary.scenario !== first.scenario || summary.system !== first.system)
    .map((summary) => `"${summary.scenario}" of ${summary.system}`);
  if (problems.length > 0) {
    throw new MergeError(
      `Only summaries of one scenario merge: the first is "${first.scenario}" of ${first.system}, but the list also has ${problems.join(', ')}.`,
    );
  }

  const durationMs = Math.max(...summaries.map((summary) => summary.durationMs));
  const seconds = Math.max(durationMs, 1) / 1_000;
  const histogram = mergeHistograms(summaries.map((summary) => decodeHistogram(summary.histogram)));
  const requests = sum(summaries.map((summary) => summary.requests));
  const bytesReceived = sum(summaries.map((summary) => summary.bytesReceived));

  const statusCodes: Record<string, number> = {};
  const errorsByKind: Record<string, number> = {};
  const checks: Record<string, CheckCounts> = {};
  const tagHistograms = new Map<
    string,
    {
      requests: number;
      errors: number;
      checksPassed: number;
      checksFailed: number;
      encoded: string[];
    }
  >();
  const timeline = new Map<number, TimelinePoint>();

  for (const summary of summaries) {
    addCounts(statusCodes, summary.statusCodes);
    addCounts(errorsByKind, summary.errorsByKind);
    for (const [name, counts] of Object.entries(summary.checks)) {
      const merged = checks[name] ?? { passes: 0, fails: 0 };
      merged.passes += counts.passes;
      merged.fails += counts.fails;
      checks[name] = merged;
    }
    for (const [tag, tagSummary] of Object.entries(summary.tags)) {
      const merged = tagHistograms.get(tag) ?? {
        requests: 0,
        errors: 0,
        checksPassed: 0,
        checksFailed: 0,
        encoded: [],
      };
      merged.requests += tagSummary.requests;
      merged.errors += tagSummary.errors;
      merged.checksPassed += tagSummary.checksPassed;
      merged.checksFailed += tagSummary.checksFailed;
      merged.encoded.push(tagSummary.histogram);
      tagHistograms.set(tag, merged);
    }
    // Timelines are aligned on each generator's own start, which is close enough for a chart.
    for (const point of summary.timeline) {
      const merged = timeline.get(point.second) ?? { second: point.second, requests: 0, failed: 0 };
      merged.requests += point.requests;
      merged.failed += point.failed;
      timeline.set(point.second, merged);
    }
  }

  const tags: Record<string, TagSummary> = {};
  for (const [tag, merged] of [...tagHistograms.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const tagHistogram = mergeHistograms(merged.encoded.map(decodeHistogram));
    tags[tag] = {
      requests: merged.requests,
      errors: merged.errors,
      checksPassed: merged.checksPassed,
      checksFailed: merged.checksFailed,
      latencyUs: latencyStats(tagHistogram),
      histogram: encodeHistogram(tagHistogram),
    };
  }

  const cpuUs = sum(
    summaries.map((summary) => summary.generator.cpuUsPerRequest * summary.requests),
  );
  const unreliable = summaries.filter((summary) => !summary.reliable);
  const startedAt = summaries.map((summary) => summary.startedAt).sort()[0] ?? first.startedAt;

  const merged: LoadSummary = {
    scenario: first.scenario,
    system: first.system,
    executor: first.executor,
    startedAt,
    durationMs,
    requests,
    errors: sum(summaries.map((summary) => summary.errors)),
    rps: requests / seconds,
    throughputBytesPerSecond: bytesReceived / seconds,
    bytesReceived,
    latencyUs: latencyStats(histogram),
    statusCodes,
    errorsByKind,
    checks,
    thresholds: [],
    tags,
    droppedIterations: sum(summaries.map((summary) => summary.droppedIterations)),
    maxVUs: sum(summaries.map((summary) => summary.maxVUs)),
    generator: {
      cpuPercent: Math.max(...summaries.map((summary) => summary.generator.cpuPercent)),
      peakCpuPercent: Math.max(...summaries.map((summary) => summary.generator.peakCpuPercent)),
      cpuLimitPercent: Math.min(...summaries.map((summary) => summary.generator.cpuLimitPercent)),
      cpuUsPerRequest: requests === 0 ? 0 : cpuUs / requests,
    },
    reliable: unreliable.length === 0,
    ...(unreliable.length === 0
      ? {}
      : {
          unreliableReason: `${unreliable.length} of ${summaries.length} generators passed their CPU limit (${unreliable
            .map((summary) => summary.generator.label ?? summary.machine)
            .join(', ')}).`,
        }),
    timeline: [...timeline.values()].sort((a, b) => a.second - b.second),
    machine: [...new Set(summaries.map((summary) => summary.machine))].join('+'),
    profile: first.profile,
    histogram: encodeHistogram(histogram),
    generators: sum(summaries.map((summary) => summary.generators)),
  };
  merged.thresholds = reevaluateThresholds(merged, first.thresholds);
  return merged;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
