import { describe, expect, it } from 'vitest';

import {
  fitBestHoltWinters,
  fitHoltWinters,
  forecastHoltWinters,
  forecastVarianceFactor,
  meanAbsoluteError,
  meanAbsolutePercentageError,
} from '../../systems-under-test/dashboard/src/stats/holt-winters.ts';

describe('Holt-Winters', () => {
  it('matches a hand-computed fit', () => {
    // Period 2, y = 2, 4, 3, 6, 5, alpha = beta = gamma = 0.5. By hand: season means 3 and 4.5,
    // so trend 0.75, level 3.375 and seasonal terms -0.625, 0.625. The one-step forecasts are
    // 3.5, 5.125, 5.03125; the final level 5.765625, trend 0.8359375, seasonal 0.84375, -0.7578125.
    const fit = fitHoltWinters([2, 4, 3, 6, 5], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 });

    expect(fit.fitted).toEqual([3.5, 5.125, 5.03125]);
    expect(fit.residuals).toEqual([-0.5, 0.875, -0.03125]);
    expect(fit.level).toBe(5.765625);
    expect(fit.trend).toBe(0.8359375);
    expect(fit.seasonal).toEqual([0.84375, -0.7578125]);
    expect(forecastHoltWinters(fit, 2)).toEqual([7.4453125, 6.6796875]);
  });

  it('forecasts a linear trend with a weekly pattern exactly', () => {
    const pattern = [5, -3, 2, 0, -4, 1, -1];
    const series = Array.from({ length: 42 }, (_, t) => 100 + 2 * t + pattern[t % 7]!);
    const future = Array.from(
      { length: 14 },
      (_, h) => 100 + 2 * (42 + h) + pattern[(42 + h) % 7]!,
    );

    const fit = fitBestHoltWinters(series, 7);
    const forecast = forecastHoltWinters(fit, 14);

    expect(fit.residualSd).toBeCloseTo(0, 9);
    forecast.forEach((value, index) => expect(value).toBeCloseTo(future[index]!, 9));
  });

  it('variance factor reduces to the simple cases', () => {
    // h = 1 is the one-step variance; with beta = gamma = 0 it is 1 + (h - 1) alpha² (ETS(A,N,N)).
    expect(forecastVarianceFactor({ alpha: 0.3, beta: 0.2, gamma: 0.4 }, 7, 1)).toBe(1);
    expect(forecastVarianceFactor({ alpha: 0.5, beta: 0, gamma: 0 }, 7, 5)).toBeCloseTo(
      1 + 4 * 0.25,
      12,
    );
  });

  it('variance factor matches a hand computation', () => {
    // alpha 0.5, component beta 0.5 (state-space beta 0.25), gamma 0.5, m = 2, h = 3, k = 1:
    // 1 + 2 (0.25 + 0.375 + 0.15625) + 0.5 (1 + 0.5 + 1) = 3.8125.
    expect(forecastVarianceFactor({ alpha: 0.5, beta: 0.5, gamma: 0.5 }, 2, 3)).toBeCloseTo(
      3.8125,
      12,
    );
  });

  it('needs two full seasons', () => {
    expect(() => fitHoltWinters([1, 2, 3], 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 })).toThrow(
      /at least two seasons \(4 values\) to start, received 3/,
    );
  });

  it('rejects a smoothing parameter above 1', () => {
    expect(() => fitHoltWinters([1, 2, 3, 4], 2, { alpha: 1.5, beta: 0.5, gamma: 0.5 })).toThrow(
      /alpha must be between 0 and 1, received 1.5/,
    );
  });
});

describe('forecast errors', () => {
  it('MAE and MAPE of hand-checked values', () => {
    // Errors 10, -10, 20 on actuals 100, 200, 400: MAE 40 / 3, MAPE (10% + 5% + 5%) / 3.
    expect(meanAbsoluteError([100, 200, 400], [90, 210, 380])).toBeCloseTo(40 / 3, 12);
    expect(meanAbsolutePercentageError([100, 200, 400], [90, 210, 380])).toBeCloseTo(20 / 3, 12);
  });

  it('MAPE rejects a zero actual', () => {
    expect(() => meanAbsolutePercentageError([1, 0], [1, 1])).toThrow(
      /actual value at index 1 is 0/,
    );
  });

  it('rejects series of different lengths', () => {
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow(/received 2 and 1/);
  });
});
