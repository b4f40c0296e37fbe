/**
 * The bug step at the end of a run: groups the run's failures into bugs
 * (by fingerprint into symptoms, and new symptoms by system), renders each bug's issue draft, writes the drafts as Markdown
 * files and records the bugs in the results store. Filing on GitHub is the
 * filer's job, which runs right after when a token is set, or later with
 * `nova bugs sync`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createLogger } from '../logging/index.ts';
import { classifyTest, recentTestRuns, type Database } from '../results/index.ts';
import { assignBugs, isObservation, systemOfTest, type KnownBugs } from './bug-groups.ts';
import { bugsOfSymptoms, recordBugs, runBugsBySystem, type RecordedBug } from './bug-store.ts';
import { issueTitleOf, kindOf, labelsOf, layerOf } from './classify.ts';
import { fingerprintFailure } from './fingerprint.ts';
import {
  draftFileName,
  renderIssueBody,
  type BugReport,
  type FailureReport,
  type RunInfo,
} from './issue-content.ts';
import type { Redactor } from './redact.ts';

const log = createLogger('bugs');

/**
 * Groups failed attempts into bugs, in the order the bugs were first seen:
 * by fingerprint into symptoms, then symptoms into bugs (`assignBugs`).
 */
export function groupFailures(
  failures: readonly FailureReport[],
  flakyByHistory: ReadonlyMap<string, string> = new Map(),
  known: KnownBugs = {},
): BugReport[] {
  const assignments = assignBugs(failures, known);
  const byBug = new Map<string, { failures: FailureReport[]; symptoms: Set<string> }>();
  failures.forEach((failure, index) => {
    const { bug, symptom } = assignments[index]!;
    const group = byBug.get(bug) ?? { failures: [], symptoms: new Set<string>() };
    group.failures.push(failure);
    group.symptoms.add(symptom);
    byBug.set(bug, group);
  });

  return [...byBug].map(([fingerprint, { failures: group, symptoms }]) => {
    const first = group[0]!;
    const system = isObservation(first) ? systemOfTest(first.file) : undefined;
    const layer = layerOf(first);
    const kind = kindOf(first);
    const retried = group.find((failure) => failure.passedOnRetry);
    const historyReason = group
      .map((failure) => flakyByHistory.get(failure.testId))
      .find((reason) => reason);
    const flakeReason = retried
      ? `${retried.file} › ${retried.titlePath.join(' › ')} passed on retry in this run`
      : historyReason;
    return {
      fingerprint,
      title: issueTitleOf(first),
      layer,
      kind,
      labels: labelsOf(layer, kind, flakeReason !== undefined),
      flaky: flakeReason !== undefined,
      ...(flakeReason ? { flakeReason } : {}),
      symptoms: [...symptoms].sort(),
      ...(system !== undefined ? { system } : {}),
      failures: group,
    };
  });
}

/** Finds which of these tests are flaky by their history in the store, with the reason. */
export async function flakyTestsByHistory(
  db: Database,
  testIds: readonly string[],
): Promise<Map<string, string>> {
  const flaky = new Map<string, string>();
  if (testIds.length === 0) return flaky;
  for (const history of await recentTestRuns(db, { testIds })) {
    const verdict = classifyTest(history.runs);
    if (verdict.state === 'flaky') {
      flaky.set(
        history.test.id,
        `flaky by history: ${verdict.flakyRuns} flaky of the last ${verdict.runs} runs (${(verdict.flakeRate * 100).toFixed(0)}%)`,
      );
    }
  }
  return flaky;
}

/** Reads which of these failures' symptoms stored bugs hold, and the bugs other shards of this run opened. */
async function knownBugsOf(
  db: Database,
  runId: string,
  failures: readonly FailureReport[],
): Promise<KnownBugs> {
  return {
    symptoms: await bugsOfSymptoms(
      db,
      failures.map((failure) => fingerprintFailure(failure)),
    ),
    runSystems: await runBugsBySystem(db, runId),
  };
}

/** Renders a bug's Markdown draft file: title, labels and body. */
export function renderDraft(report: BugReport, body: string, redactor: Redactor): string {
  return `# ${redactor.redact(report.title)}\n\nLabels: ${report.labels.map((label) => `\`${label}\``).join(', ')}\n\n${body}\n`;
}

export interface BugStepResult {
  bugs: BugReport[];
  drafts: string[];
  recorded: boolean;
}

/**
 * Runs the bug step for a run's failures. Drafts go to `draftsDir`; bugs go
 * to the store when `db` is given. Each part that fails is logged and the
 * other still happens, so a store outage keeps the drafts on disk.
 */
export async function runBugStep(options: {
  failures: readonly FailureReport[];
  run: RunInfo;
  redactor: Redactor;
  db?: Database;
  draftsDir?: string;
}): Promise<BugStepResult> {
  const { failures, run, redactor, db } = options;
  const flaky = db
    ? await flakyTestsByHistory(db, [...new Set(failures.map((failure) => failure.testId))]).catch(
        (error: unknown) => {
          log(
            'reading test history failed, so no bug counts as flaky by history: %s',
            redactor.redact(String(error)),
          );
          return new Map<string, string>();
        },
      )
    : new Map<string, string>();
  const known = db
    ? await knownBugsOf(db, run.id, failures).catch((error: unknown) => {
        log(
          'reading the stored symptoms failed, so every symptom counts as new: %s',
          redactor.redact(String(error)),
        );
        return {};
      })
    : {};
  const bugs = groupFailures(failures, flaky, known);
  const recorded: RecordedBug[] = bugs.map((report) => ({
    report,
    body: renderIssueBody(report, run, redactor),
  }));

  const drafts: string[] = [];
  if (options.draftsDir && recorded.length > 0) {
    await mkdir(options.draftsDir, { recursive: true });
    for (const { report, body } of recorded) {
      const file = join(options.draftsDir, draftFileName(report.fingerprint));
      await writeFile(file, renderDraft(report, body, redactor));
      drafts.push(file);
    }
  }

  let stored = false;
  if (db && recorded.length > 0) {
    await recordBugs(db, run, recorded, redactor);
    stored = true;
  }
  log(
    'run %s: %d failures, %d bugs, %d drafts written',
    run.id,
    failures.length,
    bugs.length,
    drafts.length,
  );
  return { bugs, drafts, recorded: stored };
}
