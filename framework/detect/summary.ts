import type { CleanRunResult, DetectionSummary, FaultResult } from './detection-types.ts';

/** Adds up a detection: detection rate, false alarms, deduplication misses, wrong layers. */
export function summarizeDetection(
  faults: readonly FaultResult[],
  cleanRuns: readonly CleanRunResult[],
): DetectionSummary {
  const count = (outcome: FaultResult['outcome']) =>
    faults.filter((result) => result.outcome === outcome).length;
  const caught = count('caught');
  const falseAlarmTests = [
    ...new Set(
      cleanRuns.flatMap((run) =>
        run.failingTests.map((test) => `${test.project}: ${test.file} › ${test.title}`),
      ),
    ),
  ];

  return {
    faults: faults.length,
    caught,
    missed: count('missed') + count('not-run'),
    errors: count('error'),
    detectionRate: faults.length === 0 ? 0 : caught / faults.length,
    cleanRuns: cleanRuns.length,
    falseAlarms: cleanRuns.filter((run) => run.outcome !== 'passed').length,
    falseAlarmTests,
    multiBugFaults: faults
      .filter((result) => result.bugs.length > 1)
      .map((result) => result.fault.id),
    wrongLayerFaults: faults.filter((result) => result.wrongLayer).map((result) => result.fault.id),
    unconfirmedFaults: faults
      .filter((result) => result.outcome !== 'not-run' && !result.faultConfirmed)
      .map((result) => result.fault.id),
    ok: caught === faults.length && cleanRuns.every((run) => run.outcome === 'passed'),
  };
}
