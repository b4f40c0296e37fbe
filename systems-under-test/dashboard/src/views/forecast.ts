/** Forecast: additive Holt-Winters with a weekly season, scored on the last days of the range. */
import type { Dataset } from '../data/dataset.ts';
import {
  fitBestHoltWinters,
  forecastHoltWinters,
  forecastVarianceFactor,
  meanAbsoluteError,
  meanAbsolutePercentageError,
} from '../stats/holt-winters.ts';
import { InvalidRequestError, type Filters } from '../filters.ts';
import { dailySeries } from './daily-series.ts';

/** The data has a weekly pattern, so the season is 7 days. */
export const SEASON_DAYS = 7;
export const DEFAULT_HOLDOUT_DAYS = 14;
/** z of a two-sided 95% normal interval. */
const BAND_Z = 1.959964;

export interface ForecastPoint {
  date: string;
  actual: number;
  part: 'train' | 'holdout';
  /** One-step fitted value on training days after the first season; null elsewhere. */
  fitted: number | null;
  forecast: number | null;
  lower: number | null;
  upper: number | null;
}

export interface ForecastResult {
  filters: Filters;
  model: {
    name: string;
    period: number;
    alpha: number;
    beta: number;
    gamma: number;
    residualSd: number;
  };
  holdout: { days: number; mae: number; mape: number };
  points: ForecastPoint[];
}

export function computeForecast(
  dataset: Dataset,
  filters: Filters,
  holdoutDays: number,
): ForecastResult {
  const series = dailySeries(dataset, filters);
  const needed = 2 * SEASON_DAYS + holdoutDays;
  if (series.length < needed) {
    throw new InvalidRequestError([
      `The date range holds ${series.length} days, but a forecast with a ${holdoutDays}-day holdout ` +
        `needs at least ${needed} (two ${SEASON_DAYS}-day seasons to train on): widen the date range.`,
    ]);
  }

  const trainLength = series.length - holdoutDays;
  const train = series.slice(0, trainLength).map((point) => point.value);
  const holdout = series.slice(trainLength).map((point) => point.value);
  const fit = fitBestHoltWinters(train, SEASON_DAYS);
  const predicted = forecastHoltWinters(fit, holdoutDays);

  const points = series.map((point, index): ForecastPoint => {
    if (index < trainLength) {
      const fitted = index >= SEASON_DAYS ? fit.fitted[index - SEASON_DAYS]! : null;
      return {
        date: point.date,
        actual: point.value,
        part: 'train',
        fitted,
        forecast: null,
        lower: null,
        upper: null,
      };
    }
    const h = index - trainLength + 1;
    const forecast = predicted[h - 1]!;
    const margin =
      BAND_Z * fit.residualSd * Math.sqrt(forecastVarianceFactor(fit.parameters, SEASON_DAYS, h));
    return {
      date: point.date,
      actual: point.value,
      part: 'holdout',
      fitted: null,
      forecast,
      lower: forecast - margin,
      upper: forecast + margin,
    };
  });

  return {
    filters,
    model: {
      name: 'Holt-Winters (additive)',
      period: SEASON_DAYS,
      ...fit.parameters,
      residualSd: fit.residualSd,
    },
    holdout: {
      days: holdoutDays,
      mae: meanAbsoluteError(holdout, predicted),
      mape: meanAbsolutePercentageError(holdout, predicted),
    },
    points,
  };
}
