import { describe, expect, it } from 'vitest';

import { summarizeDetection } from '../../framework/detect/index.ts';
import { cleanRun, failing, faultResult } from './results-fixture.ts';

describe('summarizeDetection', () => {
  it('is ok when every fault is caught and every clean run passes', () => {
    const summary = summarizeDetection(
      [faultResult('iris.a'), faultResult('iris.b')],
      [cleanRun(1), cleanRun(2)],
    );

    expect(summary).toEqual({
      faults: 2,
      caught: 2,
      missed: 0,
      errors: 0,
      detectionRate: 1,
      cleanRuns: 2,
      falseAlarms: 0,
      falseAlarmTests: [],
      multiBugFaults: [],
      wrongLayerFaults: [],
      unconfirmedFaults: [],
      ok: true,
    });
  });

  it('counts misses, run errors, false alarms, extra bugs and wrong layers', () => {
    const summary = summarizeDetection(
      [
        faultResult('iris.caught-twice', {
          failingTests: [
            failing('one', 'api', 'f1'),
            failing('two', 'api', 'f2'),
            failing('three', 'api', 'f2'),
          ],
        }),
        faultResult('iris.wrong-layer', {
          failingTests: [failing('page', 'ui')],
          wrongLayer: true,
        }),
        faultResult('iris.missed', { failingTests: [] }),
        faultResult('iris.broken-run', {
          failingTests: [],
          outcome: 'error',
          faultConfirmed: false,
        }),
        faultResult('iris.no-project', {
          failingTests: [],
          outcome: 'not-run',
          faultConfirmed: false,
        }),
      ],
      [cleanRun(1), cleanRun(2, [failing('flaky', 'ui')]), cleanRun(3, [failing('flaky', 'ui')])],
    );

    expect(summary).toMatchObject({
      faults: 5,
      caught: 2,
      missed: 2,
      errors: 1,
      detectionRate: 0.4,
      cleanRuns: 3,
      falseAlarms: 2,
      falseAlarmTests: ['ui: specs/ui/iris/predict.spec.ts › POST /predict › flaky'],
      multiBugFaults: ['iris.caught-twice'],
      wrongLayerFaults: ['iris.wrong-layer'],
      unconfirmedFaults: ['iris.broken-run'],
      ok: false,
    });
  });

  it('counts a fault with several symptoms filed as one bug as one bug', () => {
    const summary = summarizeDetection(
      [
        faultResult('iris.one-cause', {
          failingTests: [failing('one', 'api', 'f1', 'f1'), failing('page', 'ui', 'f2', 'f1')],
        }),
      ],
      [cleanRun(1)],
    );

    expect(summary.multiBugFaults).toEqual([]);
    expect(summary.ok).toBe(true);
  });

  it('is not ok after a false alarm alone', () => {
    expect(summarizeDetection([faultResult('iris.a')], [cleanRun(1, [failing('x')])]).ok).toBe(
      false,
    );
  });
});
