/**
 * The load generator's own CPU time. One Node.js thread sends every request
 * and times every response, so when it runs near 100 % of a core, requests
 * queue inside the generator: rps reads low and latencies read high, and the
 * result describes the generator rather than the system under test.
 */

export interface CpuSample {
  /** Percent of one core used by this process since the start (user + system time over wall time). */
  percent: number;
  /** CPU time in microseconds. */
  cpuUs: number;
  wallMs: number;
}

export class GeneratorCpu {
  readonly #startUsage = process.cpuUsage();
  readonly #startWall = performance.now();
  #peakPercent = 0;
  #lastUsage = this.#startUsage;
  #lastWall = this.#startWall;

  /** Percent of one core over the interval since the last call; also tracks the peak. */
  sampleInterval(): number {
    const usage = process.cpuUsage();
    const wall = performance.now();
    const cpuUs = usage.user - this.#lastUsage.user + (usage.system - this.#lastUsage.system);
    const percent = wall > this.#lastWall ? (cpuUs / 1_000 / (wall - this.#lastWall)) * 100 : 0;
    this.#lastUsage = usage;
    this.#lastWall = wall;
    this.#peakPercent = Math.max(this.#peakPercent, percent);
    return percent;
  }

  get peakPercent(): number {
    return this.#peakPercent;
  }

  /** CPU since the start. */
  total(): CpuSample {
    const usage = process.cpuUsage(this.#startUsage);
    const cpuUs = usage.user + usage.system;
    const wallMs = performance.now() - this.#startWall;
    return { percent: wallMs > 0 ? (cpuUs / 1_000 / wallMs) * 100 : 0, cpuUs, wallMs };
  }
}
