/**
 * Records every request of a run: its latency at microsecond resolution in
 * HDR histograms (the whole run, and each tag), its status, failures by kind,
 * checks, bytes, and counts per second for the rps chart.
 */
import { createLatencyHistogram, recordLatency, type LatencyHistogram } from './histogram.ts';
import type { ThresholdSource } from './thresholds.ts';

/** Counts of one tag, or of the whole run. */
export interface TagMeasurement {
  histogram: LatencyHistogram;
  requests: number;
  failed: number;
  checksPassed: number;
  checksFailed: number;
}

export interface CheckCounts {
  passes: number;
  fails: number;
}

/** One second of the run, for the rps-over-time chart. */
export interface TimelinePoint {
  /** Seconds since the start: the point counts responses in [second - 1, second). */
  second: number;
  requests: number;
  failed: number;
}

function emptyMeasurement(): TagMeasurement {
  return {
    histogram: createLatencyHistogram(),
    requests: 0,
    failed: 0,
    checksPassed: 0,
    checksFailed: 0,
  };
}

export class LoadRecorder {
  readonly total = emptyMeasurement();
  readonly byTag = new Map<string, TagMeasurement>();
  readonly statusCodes = new Map<number, number>();
  /** Failures by kind: `status 500`, `timeout`, `ECONNREFUSED`, `ECONNRESET` ... */
  readonly errorsByKind = new Map<string, number>();
  readonly checks = new Map<string, CheckCounts>();
  /** Responses per whole second since the start. */
  readonly #perSecond: number[] = [];
  readonly #failedPerSecond: number[] = [];

  bytesReceived = 0;
  droppedIterations = 0;
  readonly startedAt: number;

  constructor(readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  /** The measurements that one tag list files into, the whole run first; cached per list to spare each response a lookup. */
  readonly #targets = new WeakMap<readonly string[], TagMeasurement[]>();

  #targetsOf(tags: readonly string[]): TagMeasurement[] {
    let targets = this.#targets.get(tags);
    if (targets === undefined) {
      targets = [this.total, ...tags.map((pair) => this.#tag(pair))];
      this.#targets.set(tags, targets);
    }
    return targets;
  }

  #tag(pair: string): TagMeasurement {
    let measurement = this.byTag.get(pair);
    if (measurement === undefined) {
      measurement = emptyMeasurement();
      this.byTag.set(pair, measurement);
    }
    return measurement;
  }

  #countSecond(failed: boolean): void {
    const second = Math.floor(this.elapsedMs() / 1_000);
    while (this.#perSecond.length <= second) {
      this.#perSecond.push(0);
      this.#failedPerSecond.push(0);
    }
    this.#perSecond[second]! += 1;
    if (failed) this.#failedPerSecond[second]! += 1;
  }

  /** Records one response; `tags` are the request's `key:value` pairs. */
  recordResponse(options: {
    latencyUs: number;
    status: number;
    bytes: number;
    failed: boolean;
    tags: readonly string[];
  }): void {
    const { latencyUs, status, bytes, failed, tags } = options;
    this.bytesReceived += bytes;
    this.statusCodes.set(status, (this.statusCodes.get(status) ?? 0) + 1);
    if (failed) this.#countError(`status ${status}`);
    this.#countSecond(failed);

    for (const measurement of this.#targetsOf(tags)) {
      recordLatency(measurement.histogram, latencyUs);
      measurement.requests += 1;
      if (failed) measurement.failed += 1;
    }
  }

  /**
   * Records a request that got no response: a connection error or a timeout.
   * It counts as a failed request, without a latency.
   */
  recordFailure(kind: string, tags: readonly string[]): void {
    this.#countError(kind);
    this.#countSecond(true);
    for (const measurement of this.#targetsOf(tags)) {
      measurement.requests += 1;
      measurement.failed += 1;
    }
  }

  recordCheck(name: string, passed: boolean, tags: readonly string[]): void {
    const counts = this.checks.get(name) ?? { passes: 0, fails: 0 };
    if (passed) counts.passes += 1;
    else counts.fails += 1;
    this.checks.set(name, counts);

    for (const measurement of this.#targetsOf(tags)) {
      if (passed) measurement.checksPassed += 1;
      else measurement.checksFailed += 1;
    }
  }

  #countError(kind: string): void {
    this.errorsByKind.set(kind, (this.errorsByKind.get(kind) ?? 0) + 1);
  }

  /** Requests that completed in the last whole second, for the progress line. */
  lastSecondRate(): number {
    const second = Math.floor(this.elapsedMs() / 1_000);
    return second === 0 ? (this.#perSecond[0] ?? 0) : (this.#perSecond[second - 1] ?? 0);
  }

  /** Figures that thresholds evaluate, for the whole run or one `key:value` tag. */
  thresholdSource(tag: string | undefined, elapsedMs = this.elapsedMs()): ThresholdSource {
    const measurement =
      tag === undefined ? this.total : (this.byTag.get(tag) ?? emptyMeasurement());
    return {
      histogram: measurement.histogram,
      requests: measurement.requests,
      failed: measurement.failed,
      checksPassed: measurement.checksPassed,
      checksFailed: measurement.checksFailed,
      droppedIterations: this.droppedIterations,
      elapsedMs,
    };
  }

  timeline(): TimelinePoint[] {
    return this.#perSecond.map((requests, index) => ({
      second: index + 1,
      requests,
      failed: this.#failedPerSecond[index] ?? 0,
    }));
  }
}
