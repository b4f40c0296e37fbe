/** Fault and clean-run results for the summary and Markdown tests. */
import type { CleanRunResult, FailingTest, FaultResult } from '../../framework/detect/index.ts';

export function failing(
  title: string,
  project = 'api',
  fingerprint = 'aaaaaaaaaaaaaaaaaaaaaaaa',
  bug = fingerprint,
): FailingTest {
  return {
    testId: `id-${title}`,
    project,
    layer: project,
    file: `specs/${project}/iris/predict.spec.ts`,
    title: `POST /predict › ${title}`,
    error: 'Error: expect(received).toBe(expected) | piped',
    fingerprint,
    bug,
  };
}

export function faultResult(id: string, overrides: Partial<FaultResult> = {}): FaultResult {
  const failingTests = overrides.failingTests ?? [failing(`${id} test`)];
  return {
    fault: {
      id,
      system: 'iris',
      kind: 'model',
      description: `${id} breaks predictions.`,
      layer: 'api',
      file: 'systems-under-test/iris-api/faults.json',
    },
    outcome: failingTests.length > 0 ? 'caught' : 'missed',
    projects: ['api', 'ui'],
    expectedProject: 'api',
    caughtByLayers: [...new Set(failingTests.map((test) => test.layer))],
    wrongLayer: false,
    failingTests,
    symptoms: [...new Set(failingTests.map((test) => test.fingerprint))],
    bugs: [...new Set(failingTests.map((test) => test.bug))],
    timeToDetectMs: failingTests.length > 0 ? 8_400 : undefined,
    runDurationMs: 20_000,
    faultConfirmed: true,
    notes: [],
    runDir: `.nova/detect/runs/${id}`,
    ...overrides,
  };
}

export function cleanRun(index: number, failingTests: FailingTest[] = []): CleanRunResult {
  return {
    index,
    outcome: failingTests.length > 0 ? 'false-alarm' : 'passed',
    projects: ['api', 'ui'],
    failingTests,
    runDurationMs: 30_000,
    notes: [],
    runDir: `.nova/detect/runs/clean-${index}`,
  };
}
