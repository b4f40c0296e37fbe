/** The detection report as Markdown: summary, matrix, clean runs and the failing tests of each fault. */
import type { DetectionReport, FailingTest, FaultResult } from './detection-types.ts';

const OUTCOME_LABELS: Record<FaultResult['outcome'], string> = {
  caught: 'caught',
  missed: '**missed**',
  error: '**error**',
  'not-run': '**not run**',
};

/** Lines of failing tests shown per fault; the JSON report has them all. */
const MAX_LISTED_TESTS = 10;

export function renderDetectionMarkdown(report: DetectionReport): string {
  const { summary } = report;
  const lines: string[] = [
    '# Fault detection report',
    '',
    `- Command: \`${report.command}\``,
    `- Started: ${report.startedAt}, finished: ${report.finishedAt}`,
    ...(report.gitCommit === undefined ? [] : [`- Commit: ${report.gitCommit}`]),
    `- Projects per fault: ${report.scope === 'expected' ? 'the expected layer only' : "every layer with specs for the fault's system"}`,
    '',
    '## Summary',
    '',
    `- Detection rate: ${summary.caught} of ${summary.faults} faults caught (${percent(summary.detectionRate)})` +
      (summary.missed + summary.errors > 0
        ? `; missed: ${summary.missed}, run errors: ${summary.errors}`
        : ''),
    `- False alarms: ${summary.falseAlarms} of ${summary.cleanRuns} clean runs` +
      (summary.falseAlarmTests.length > 0 ? ` (${summary.falseAlarmTests.join('; ')})` : ''),
    `- Faults filed as more than one bug: ${listOrNone(summary.multiBugFaults)}`,
    `- Faults caught by another layer than expected: ${listOrNone(summary.wrongLayerFaults)}`,
    ...(summary.unconfirmedFaults.length > 0
      ? [
          `- Faults that no run output confirmed as switched on: ${summary.unconfirmedFaults.join(', ')}`,
        ]
      : []),
    '',
    '## Matrix',
    '',
    '| Fault | Kind | Expected layer | Result | Caught by | Failing tests | Symptoms | Bugs | Time to detect | Run time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.faults.map(
      (result) =>
        `| ${result.fault.id} | ${result.fault.kind} | ${result.fault.layer} | ${OUTCOME_LABELS[result.outcome]}${result.wrongLayer ? ' (wrong layer)' : ''} | ` +
        `${result.caughtByLayers.join(', ') || '-'} | ${result.failingTests.length} | ${result.symptoms.length} | ${result.bugs.length} | ` +
        `${seconds(result.timeToDetectMs)} | ${seconds(result.runDurationMs)} |`,
    ),
    '',
    '## Clean runs',
    '',
    '| Run | Projects | Result | Failing tests | Run time |',
    '| --- | --- | --- | --- | --- |',
    ...report.cleanRuns.map(
      (run) =>
        `| ${run.index} | ${run.projects.join(', ')} | ${run.outcome === 'passed' ? 'passed' : `**${run.outcome}**`} | ` +
        `${run.failingTests.length} | ${seconds(run.runDurationMs)} |`,
    ),
    '',
    '## Faults',
    '',
  ];

  for (const result of report.faults) {
    lines.push(`### ${result.fault.id}`, '', `${result.fault.description}`, '');
    lines.push(
      `- Result: ${OUTCOME_LABELS[result.outcome]}; projects run: ${result.projects.join(', ') || 'none'}`,
    );
    if (result.bugs.length > 0) lines.push(`- Bugs: ${result.bugs.join(', ')}`);
    if (result.symptoms.length > 0) lines.push(`- Symptoms: ${result.symptoms.join(', ')}`);
    for (const note of result.notes) lines.push(`- Note: ${note.replaceAll('\n', ' ')}`);
    for (const test of result.failingTests.slice(0, MAX_LISTED_TESTS)) lines.push(testLine(test));
    if (result.failingTests.length > MAX_LISTED_TESTS) {
      lines.push(
        `- … and ${result.failingTests.length - MAX_LISTED_TESTS} more failing tests (see the JSON report)`,
      );
    }
    if (result.runDir !== '') lines.push(`- Run folder: ${result.runDir}`);
    lines.push('');
  }

  return lines.join('\n');
}

function testLine(test: FailingTest): string {
  const error = test.error.replaceAll('|', '\\|');
  return `- Failed: ${test.project}: ${test.file} › ${test.title} (symptom ${test.fingerprint}, bug ${test.bug}): ${error}`;
}

function listOrNone(ids: readonly string[]): string {
  return ids.length === 0 ? 'none' : ids.join(', ');
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`;
}
