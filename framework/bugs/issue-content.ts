/**
 * The Markdown of a bug's issue, its comments and its draft. Every text goes
 * through the redactor last, so that nothing rendered here can carry a secret.
 */
import { basename } from 'node:path';

import type { BugKind, BugLayer } from './classify.ts';
import { fingerprintFailure, type FailureForFingerprint } from './fingerprint.ts';
import { failedVisualComparisons, brokenLoadSummaries } from './layer-attachments.ts';
import { stripAnsi } from './normalise.ts';
import type { Redactor } from './redact.ts';

/**
 * GitHub rejects an issue or comment body longer than 65,536 characters
 * ("body is too long (maximum is 65536 characters)" from the REST API).
 */
export const MAX_BODY_LENGTH = 65_536;

/** Maximum length of the error message or stack shown in a body; the rest is in the run's report. */
const MAX_ERROR_LENGTH = 8_000;

/** A `test.step` of the failed attempt, with its nested steps. */
export interface StepNode {
  title: string;
  failed: boolean;
  steps: StepNode[];
}

/** One failed attempt, with what the issue body shows of it. */
export interface FailureReport extends FailureForFingerprint {
  attemptId?: string;
  retry: number;
  status: string;
  /** True when a later retry of the test passed in the same run. */
  passedOnRetry: boolean;
  steps: StepNode[];
}

/** The run in which the failures happened. */
export interface RunInfo {
  id: string;
  commit?: string;
  branch?: string;
  url?: string;
  environment: Record<string, string>;
}

/** A bug seen in a run: its failures there, grouped by fingerprint. */
export interface BugReport {
  fingerprint: string;
  title: string;
  layer: BugLayer;
  kind: BugKind;
  labels: string[];
  flaky: boolean;
  /** Reason the bug counts as flaky, for the body; undefined when it does not. */
  flakeReason?: string;
  /** The fingerprints of the failures in the bug, sorted; one unless a cause showed several symptoms. */
  symptoms: string[];
  /** The group of new observations that the bug was filed for (`assignBugs`): `iris`, `iris:network`. */
  group?: string;
  /** The system of that group; undefined for a bug of one symptom filed alone. */
  system?: string;
  failures: FailureReport[];
}

/** Returns the hidden marker that carries the fingerprint in an issue body. */
export function fingerprintMarker(fingerprint: string): string {
  return `<!-- nova-fingerprint: ${fingerprint} -->`;
}

/** Returns the hidden marker that ties a comment to the run it reports. */
export function runMarker(fingerprint: string, runId: string): string {
  return `<!-- nova-run: ${fingerprint} ${runId} -->`;
}

/** Reads the fingerprint back from an issue body; undefined without a marker. */
export function fingerprintFromBody(body: string | null | undefined): string | undefined {
  return /<!-- nova-fingerprint: ([0-9a-f]+) -->/.exec(body ?? '')?.[1];
}

function fence(text: string, language = 'text'): string {
  // A fence longer than any backtick run inside keeps the block closed.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}`;
}

function limit(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}

function inlineCode(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function testPath(failure: FailureForFingerprint): string {
  return `${failure.file} › ${failure.titlePath.join(' › ')}`;
}

function renderSteps(steps: readonly StepNode[], depth: number, lines: string[]): void {
  for (const step of steps) {
    const mark = step.failed ? ' **← failed here**' : '';
    lines.push(
      `${'   '.repeat(depth)}${depth === 0 ? '1.' : '-'} ${escapeCell(step.title)}${mark}`,
    );
    renderSteps(step.steps, depth + 1, lines);
  }
}

function renderStepsSection(failure: FailureReport): string {
  const grep = failure.titlePath[failure.titlePath.length - 1] ?? '';
  const lines = [
    '### Steps',
    '',
    `Run ${inlineCode(`npx playwright test ${failure.file} --project=${failure.project} -g ${JSON.stringify(grep)}`)}.`,
    '',
    `1. Test ${inlineCode(failure.titlePath.join(' › '))} in ${inlineCode(failure.file)}`,
  ];
  renderSteps(failure.steps, 0, lines);
  if (failure.steps.length === 0) lines.push('1. (the test has no `test.step`s)');
  return lines.join('\n');
}

function renderVisualSection(failure: FailureReport): string | undefined {
  const comparisons = failedVisualComparisons(failure.attachments);
  if (comparisons.length === 0) return undefined;
  const parts: string[] = ['### Visual differences'];
  for (const comparison of comparisons) {
    parts.push(
      '',
      `Baseline ${inlineCode(comparison.baseline)} (${comparison.project || 'no project'}): ${comparison.status}, ` +
        `${comparison.diffPixels ?? '?'} pixels differ (ratio ${comparison.diffRatio ?? '?'}, threshold ${comparison.threshold ?? '?'}).`,
      '',
      '| # | Kind | Place (x, y, width × height) | Pixels | Element |',
      '| - | ---- | ---------------------------- | ------ | ------- |',
      ...comparison.regions.map((region) => {
        const element = region.element
          ? `${region.element.selector ?? ''} ${region.element.text ? `"${region.element.text}"` : ''}`.trim()
          : '';
        const shift =
          region.dx !== undefined || region.dy !== undefined
            ? ` moved by (${region.dx ?? 0}, ${region.dy ?? 0})`
            : '';
        return `| ${region.index} | ${region.kind}${shift} | ${region.x}, ${region.y}, ${region.width} × ${region.height} | ${region.pixels ?? ''} | ${escapeCell(element)} |`;
      }),
      '',
      "Images (in the run's output):",
      ...(
        [
          ['expected', comparison.expectedPath],
          ['actual', comparison.actualPath],
          ['diff', comparison.diffPath],
          ['annotated', comparison.annotatedPath],
        ] as const
      )
        .filter(([, path]) => path)
        .map(([name, path]) => `- ${name}: ${inlineCode(path ?? '')}`),
    );
  }
  return parts.join('\n');
}

/**
 * Lists the symptoms of a bug that contains more than one, each with its first
 * error line and its tests, so that a reader can tell one cause from two.
 */
function renderSymptomsSection(report: BugReport): string | undefined {
  if (report.symptoms.length <= 1) return undefined;
  const bySymptom = new Map<string, FailureReport[]>();
  for (const failure of report.failures) {
    const symptom = fingerprintFailure(failure);
    bySymptom.set(symptom, [...(bySymptom.get(symptom) ?? []), failure]);
  }
  const lines = [...bySymptom].map(([symptom, failures]) => {
    const message = stripAnsi(failures[0]!.error.message ?? '(no message)')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim();
    const tests = [...new Set(failures.map((failure) => inlineCode(testPath(failure))))];
    return `- ${inlineCode(symptom)}: ${inlineCode(limit(message ?? '(no message)', 200))} in ${tests.join(', ')}`;
  });
  return [
    '### Symptoms',
    '',
    `These ${report.symptoms.length} symptoms first failed together in one run on system ${inlineCode(report.system ?? 'unknown')}, so they are filed as one bug.`,
    '',
    ...lines,
  ].join('\n');
}

function renderLoadSection(failure: FailureReport): string | undefined {
  const summaries = brokenLoadSummaries(failure.attachments);
  if (summaries.length === 0) return undefined;
  const parts: string[] = ['### Load thresholds'];
  for (const summary of summaries) {
    parts.push(
      '',
      `Scenario ${inlineCode(summary.scenario)} on ${inlineCode(summary.system)}: ${summary.requests ?? '?'} requests, ` +
        `${summary.errors ?? '?'} errors, ${summary.rps ?? '?'} requests/s${summary.reliable === false ? ' (generator saturated: latencies unreliable)' : ''}.`,
      '',
      '| Threshold | Passed | Actual | Limit |',
      '| --------- | ------ | ------ | ----- |',
      ...summary.thresholds.map(
        (threshold) =>
          `| ${escapeCell(threshold.expression)}${threshold.tag ? ` {${escapeCell(threshold.tag)}}` : ''} | ${threshold.pass ? 'yes' : '**no**'} | ${threshold.actual} | ${threshold.limit} |`,
      ),
    );
  }
  return parts.join('\n');
}

function renderEnvironment(run: RunInfo, failure: FailureReport): string {
  const rows: [string, string][] = [
    ['Commit', run.commit ?? 'unknown'],
    ['Branch', run.branch ?? 'unknown'],
    ['Run', run.url ? `[${run.id}](${run.url})` : inlineCode(run.id)],
    ['Project', failure.project],
    ...Object.entries(run.environment).map(([name, value]): [string, string] => [name, value]),
  ];
  return [
    '### Environment',
    '',
    '| | |',
    '| - | - |',
    ...rows.map(([name, value]) => `| ${escapeCell(name)} | ${escapeCell(value)} |`),
  ].join('\n');
}

function flakeLine(report: BugReport): string {
  return report.flaky
    ? `**Flaky**: ${report.flakeReason ?? 'passed on retry'}.`
    : 'Not flaky: no retry of these tests passed, and their history shows no flakes.';
}

/**
 * Cuts a body to GitHub's limit at a line end, closes a code block left open,
 * and appends a note about the cut, within the limit.
 */
export function truncateBody(body: string, note: string, max = MAX_BODY_LENGTH): string {
  if (body.length <= max) return body;
  const notice = `\n\n---\n_${note}_`;
  let kept = body.slice(0, Math.max(0, max - notice.length - 16));
  const lineEnd = kept.lastIndexOf('\n');
  if (lineEnd > 0) kept = kept.slice(0, lineEnd);
  // An odd number of fence lines means a code block is still open.
  const fences = kept.match(/^`{3,}/gm) ?? [];
  if (fences.length % 2 === 1) kept += `\n${fences[fences.length - 1]}`;
  return `${kept}${notice}`;
}

/** Renders the issue body of a bug from its failures in one run. */
export function renderIssueBody(report: BugReport, run: RunInfo, redactor: Redactor): string {
  const first = report.failures[0];
  if (!first)
    throw new Error(
      `Bug ${report.fingerprint} has no failures to describe; a bug report needs at least one failed attempt.`,
    );

  const message = limit(stripAnsi(first.error.message ?? '(no message)'), MAX_ERROR_LENGTH);
  const stack = first.error.stack
    ? limit(stripAnsi(first.error.stack), MAX_ERROR_LENGTH)
    : undefined;
  const tests = [...new Map(report.failures.map((failure) => [failure.testId, failure])).values()];

  const sections = [
    fingerprintMarker(report.fingerprint),
    `**${report.title}**`,
    `Seen ${report.failures.length} time${report.failures.length === 1 ? '' : 's'} in run ${inlineCode(run.id)}, in ${tests.length} test${tests.length === 1 ? '' : 's'}. Layer ${inlineCode(report.layer)}, kind ${inlineCode(report.kind)}. ${flakeLine(report)}`,
    [
      '### Error',
      '',
      fence(message),
      ...(stack
        ? ['', '<details><summary>Stack</summary>', '', fence(stack), '', '</details>']
        : []),
    ].join('\n'),
    [
      '### Test',
      '',
      `${inlineCode(testPath(first))} (project ${inlineCode(first.project)}, attempt ${first.retry + 1}, ${first.status})`,
    ].join('\n'),
    renderStepsSection(first),
    renderVisualSection(first),
    renderLoadSection(first),
    [
      '### Failed tests in this run',
      '',
      ...tests.map(
        (failure) =>
          `- ${inlineCode(testPath(failure))} (${failure.project})${failure.passedOnRetry ? ', passed on retry' : ''}`,
      ),
    ].join('\n'),
    renderSymptomsSection(report),
    renderEnvironment(run, first),
    `<sub>Filed by Elysium Nova from fingerprint ${inlineCode(report.fingerprint)}. Failures with this fingerprint add a comment per run; the issue closes after the tests pass on the default branch.</sub>`,
  ].filter((section): section is string => section !== undefined);

  const body = redactor.redact(sections.join('\n\n'));
  return truncateBody(
    body,
    `This body was cut to ${MAX_BODY_LENGTH.toLocaleString('en')} characters, GitHub's limit. The full draft is nova-bugs/${report.fingerprint}.md in the output folder of run ${run.id}.`,
  );
}

/** Renders the comment about a run that saw the bug again. */
export function renderRunComment(options: {
  fingerprint: string;
  run: { id: string; url?: string | null; commit?: string | null };
  occurrences: number;
  totalOccurrences: number;
  tests: string[];
  reopened: boolean;
  redactor: Redactor;
}): string {
  const { run } = options;
  const runName = run.url ? `[${run.id}](${run.url})` : inlineCode(run.id);
  const lines = [
    runMarker(options.fingerprint, run.id),
    `${options.reopened ? 'Seen again after it was closed, so the issue is open again. ' : 'Seen again. '}` +
      `Run ${runName}${run.commit ? ` on commit ${inlineCode(run.commit)}` : ''}: ${options.occurrences} occurrence${options.occurrences === 1 ? '' : 's'} ` +
      `(${options.totalOccurrences} in all).`,
  ];
  if (options.tests.length > 0) {
    lines.push(
      '',
      'Failed tests:',
      ...options.tests.slice(0, 50).map((test) => `- ${inlineCode(test)}`),
    );
    if (options.tests.length > 50) lines.push(`- … and ${options.tests.length - 50} more`);
  }
  return truncateBody(
    options.redactor.redact(lines.join('\n')),
    `This comment was cut to GitHub's limit of ${MAX_BODY_LENGTH} characters.`,
  );
}

/** Renders the comment that closes a bug after passing runs. */
export function renderCloseComment(options: {
  run: { id: string; url?: string | null; commit?: string | null; branch?: string | null };
  passes: number;
  redactor: Redactor;
}): string {
  const { run } = options;
  const runName = run.url ? `[${run.id}](${run.url})` : inlineCode(run.id);
  return options.redactor.redact(
    `Fixed: the tests of this bug passed in ${options.passes} consecutive runs on ${inlineCode(run.branch ?? 'the default branch')}, ` +
      `the last being run ${runName}${run.commit ? ` on commit ${inlineCode(run.commit)}` : ''}. Closing. ` +
      'If it fails again, this issue opens again.',
  );
}

/** Returns the file name of a bug's Markdown draft. */
export function draftFileName(fingerprint: string): string {
  return `${basename(fingerprint)}.md`;
}
