/**
 * Additive Holt-Winters exponential smoothing: level, trend and a seasonal pattern of `period`
 * steps, each updated by its own smoothing parameter (alpha, beta, gamma). Recursions as in
 * Hyndman and Athanasopoulos, Forecasting: Principles and Practice, 2nd ed., section 7.3.
 */
import { mean } from './descriptive.ts';

export interface SmoothingParameters {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface HoltWintersFit {
  parameters: SmoothingParameters;
  period: number;
  /** One-step-ahead fitted values for each step from index `period` on. */
  fitted: number[];
  /** y - fitted for each step from index `period` on. */
  residuals: number[];
  /** Standard deviation of the one-step residuals, with n as denominator (maximum likelihood). */
  residualSd: number;
  level: number;
  trend: number;
  /** The last `period` seasonal terms, oldest first. */
  seasonal: number[];
}

function checkParameters({ alpha, beta, gamma }: SmoothingParameters): void {
  for (const [name, value] of Object.entries({ alpha, beta, gamma })) {
    if (!(value >= 0 && value <= 1)) {
      throw new RangeError(`${name} must be between 0 and 1, received ${value}.`);
    }
  }
}

/**
 * Fits the model with the given parameters. The initial level and trend come from the first two
 * seasons, and the level is moved to the end of the first season, so that a series that is
 * exactly linear plus a fixed seasonal pattern is fitted with zero error.
 */
export function fitHoltWinters(
  series: readonly number[],
  period: number,
  parameters: SmoothingParameters,
): HoltWintersFit {
  checkParameters(parameters);
  if (!Number.isInteger(period) || period < 2) {
    throw new RangeError(`period must be a whole number of at least 2, received ${period}.`);
  }
  if (series.length < 2 * period) {
    throw new RangeError(
      `Holt-Winters needs at least two seasons (${2 * period} values) to start, received ${series.length}.`,
    );
  }

  const { alpha, beta, gamma } = parameters;
  const firstSeasonMean = mean(series.slice(0, period));
  const secondSeasonMean = mean(series.slice(period, 2 * period));
  let trend = (secondSeasonMean - firstSeasonMean) / period;
  // The first season's mean is the level at its middle, (period - 1) / 2; move it to its end.
  let level = firstSeasonMean + (trend * (period - 1)) / 2;
  const seasonal = series
    .slice(0, period)
    .map((value, index) => value - (firstSeasonMean + trend * (index - (period - 1) / 2)));

  const fitted: number[] = [];
  const residuals: number[] = [];
  for (let t = period; t < series.length; t++) {
    const value = series[t]!;
    const season = seasonal[t - period]!;
    const forecast = level + trend + season;
    fitted.push(forecast);
    residuals.push(value - forecast);

    const previousLevel = level;
    level = alpha * (value - season) + (1 - alpha) * (level + trend);
    trend = beta * (level - previousLevel) + (1 - beta) * trend;
    seasonal.push(gamma * (value - level) + (1 - gamma) * season);
  }

  const residualSd = Math.sqrt(mean(residuals.map((residual) => residual ** 2)));
  return {
    parameters,
    period,
    fitted,
    residuals,
    residualSd,
    level,
    trend,
    seasonal: seasonal.slice(-period),
  };
}

/** Forecasts `horizon` steps after the end of the fitted series. */
export function forecastHoltWinters(fit: HoltWintersFit, horizon: number): number[] {
  return Array.from(
    { length: horizon },
    (_, index) => fit.level + (index + 1) * fit.trend + fit.seasonal[index % fit.period]!,
  );
}

/**
 * Variance multiplier of the h-step forecast error of ETS(A,A,A), the state-space model behind
 * additive Holt-Winters: Hyndman and Athanasopoulos, FPP 2nd ed., Table 7.8,
 * 1 + (h-1){α² + αβh + β²h(2h-1)/6} + γk{2α + γ + βm(k+1)} with k = floor((h-1)/m).
 * The table's β is the state-space one, α times the β of the component form used here.
 */
export function forecastVarianceFactor(
  parameters: SmoothingParameters,
  period: number,
  h: number,
): number {
  const { alpha, gamma } = parameters;
  const beta = alpha * parameters.beta;
  const k = Math.floor((h - 1) / period);
  return (
    1 +
    (h - 1) * (alpha ** 2 + alpha * beta * h + (beta ** 2 * h * (2 * h - 1)) / 6) +
    gamma * k * (2 * alpha + gamma + beta * period * (k + 1))
  );
}

/** Grid of smoothing parameters searched by `fitBestHoltWinters`. */
export const PARAMETER_GRID = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

/**
 * Fits every combination of PARAMETER_GRID and keeps the one with the smallest sum of squared
 * one-step errors. A grid is coarser than a numerical optimiser but deterministic and fast for
 * the few hundred points of a dashboard series.
 */
export function fitBestHoltWinters(series: readonly number[], period: number): HoltWintersFit {
  let best: HoltWintersFit | undefined;
  let bestError = Infinity;
  for (const alpha of PARAMETER_GRID) {
    for (const beta of PARAMETER_GRID) {
      for (const gamma of PARAMETER_GRID) {
        const fit = fitHoltWinters(series, period, { alpha, beta, gamma });
        const error = fit.residualSd;
        if (error < bestError) {
          best = fit;
          bestError = error;
        }
      }
    }
  }
  return best!;
}

/** Mean absolute error. */
export function meanAbsoluteError(actual: readonly number[], predicted: readonly number[]): number {
  checkSameLength(actual, predicted);
  return mean(actual.map((value, index) => Math.abs(value - predicted[index]!)));
}

/** Mean absolute percentage error, in percent. Undefined for a zero actual value, so it throws. */
export function meanAbsolutePercentageError(
  actual: readonly number[],
  predicted: readonly number[],
): number {
  checkSameLength(actual, predicted);
  const zero = actual.findIndex((value) => value === 0);
  if (zero !== -1) {
    throw new RangeError(`MAPE is undefined because the actual value at index ${zero} is 0.`);
  }
  return 100 * mean(actual.map((value, index) => Math.abs((value - predicted[index]!) / value)));
}

function checkSameLength(actual: readonly number[], predicted: readonly number[]): void {
  if (actual.length !== predicted.length || actual.length === 0) {
    throw new RangeError(
      `Actual and predicted values must have the same non-zero length, received ${actual.length} and ${predicted.length}.`,
    );
  }
}
