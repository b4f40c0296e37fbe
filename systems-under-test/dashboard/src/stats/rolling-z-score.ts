import { mean, standardDeviation } from './descriptive.ts';

export interface ZScoreFlag {
  /** NaN until the window is full. */
  z: number;
  anomaly: boolean;
}

/**
 * Flags readings that lie more than `threshold` sample standard deviations from the mean of the
 * `window` readings before them. The reading itself is left out of its own window, so that a
 * spike cannot hide by raising the deviation it is measured against.
 */
export class RollingZScore {
  private readonly history: number[] = [];

  constructor(
    readonly window: number,
    readonly threshold: number,
  ) {
    if (!Number.isInteger(window) || window < 3) {
      throw new RangeError(`window must be a whole number of at least 3, received ${window}.`);
    }
    if (!(threshold > 0)) {
      throw new RangeError(`threshold must be above 0, received ${threshold}.`);
    }
  }

  /** Scores one reading against the window before it, then adds it to the window. */
  push(value: number): ZScoreFlag {
    let z = Number.NaN;
    if (this.history.length === this.window) {
      const deviation = standardDeviation(this.history);
      z = deviation === 0 ? 0 : (value - mean(this.history)) / deviation;
    }

    this.history.push(value);
    if (this.history.length > this.window) this.history.shift();

    return { z, anomaly: Number.isFinite(z) && Math.abs(z) > this.threshold };
  }
}
