import { describe, expect, it } from 'vitest';

import {
  renderDetectionMarkdown,
  summarizeDetection,
  type DetectionReport,
} from '../../framework/detect/index.ts';
import { cleanRun, failing, faultResult } from './results-fixture.ts';

function report(): DetectionReport {
  const faults = [
    faultResult('iris.swapped-labels', {
      failingTests: [failing('versicolor', 'api', 'f1'), failing('page', 'ui', 'f2')],
    }),
    faultResult('iris.slow-predict', {
      failingTests: [],
      notes: ['Layer load has no Playwright project "load" in this configuration.'],
    }),
  ];
  const cleanRuns = [cleanRun(1), cleanRun(2, [failing('flaky', 'ui')])];
  return {
    command: 'nova detect --systems iris --clean-runs 2',
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:05:00.000Z',
    gitCommit: 'abc123',
    scope: 'system',
    faults,
    cleanRuns,
    summary: summarizeDetection(faults, cleanRuns),
  };
}

describe('renderDetectionMarkdown', () => {
  const markdown = renderDetectionMarkdown(report());

  it('records the command, date and commit', () => {
    expect(markdown).toContain('- Command: `nova detect --systems iris --clean-runs 2`');
    expect(markdown).toContain(
      '- Started: 2026-12-04T10:00:00.000Z, finished: 2026-12-04T10:05:00.000Z',
    );
    expect(markdown).toContain('- Commit: abc123');
  });

  it('summarises detection rate, false alarms and extra bugs', () => {
    expect(markdown).toContain(
      '- Detection rate: 1 of 2 faults caught (50.0%); missed: 1, run errors: 0',
    );
    expect(markdown).toContain(
      '- False alarms: 1 of 2 clean runs (ui: specs/ui/iris/predict.spec.ts › POST /predict › flaky)',
    );
    expect(markdown).toContain('- Faults filed as more than one bug: iris.swapped-labels');
    expect(markdown).toContain('- Faults caught by another layer than expected: none');
  });

  it('has one matrix row per fault and one row per clean run', () => {
    expect(markdown).toContain(
      '| iris.swapped-labels | model | api | caught | api, ui | 2 | 2 | 2 | 8.4 s | 20.0 s |',
    );
    expect(markdown).toContain(
      '| iris.slow-predict | model | api | **missed** | - | 0 | 0 | 0 | - | 20.0 s |',
    );
    expect(markdown).toContain('| 2 | api, ui | **false-alarm** | 1 | 30.0 s |');
  });

  it('lists failing tests and notes', () => {
    expect(markdown).toContain(
      '- Failed: api: specs/api/iris/predict.spec.ts › POST /predict › versicolor (symptom f1, bug f1): Error: expect(received).toBe(expected) \\| piped',
    );
    expect(markdown).toContain(
      '- Note: Layer load has no Playwright project "load" in this configuration.',
    );
  });
});
