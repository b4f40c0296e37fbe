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
import { classifyTest, recentTestRuns, type Database, type Queryable } from '../results/index.ts';
import { assignBugs, systemOfTest, type KnownBugs } from './bug-groups.ts';
import { bugsOfSymptoms, recordBugsIn, runBugGroups, type RecordedBug } from './bug-store.ts';
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
 * First key of the advisory lock under which one run's shards record their
 * bugs; the second key is a hash of the run id. It differs from the
 * migrations' lock key.
 */
const BUG_STEP_LOCK_CLASS = 0x6e6f7662;

/**
 * Groups failed attempts into bugs, in the order the bugs were first seen:
 * by fingerprint into symptoms, then symptoms into bugs (`assignBugs`). A
 * failure that passed on retry, or whose test is flaky by history, stays a
 * bug of its own.
 */
export function groupFailures(
  failures: readonly FailureReport[],
  flakyByHistory: ReadonlyMap<string, string> = new Map(),
  known: Omit<KnownBugs, 'standsAlone'> = {},
): BugReport[] {
  const assignments = assignBugs(failures, {
    ...known,
    standsAlone: (failure) => isFlakyFailure(failure as FailureReport, flakyByHistory),
  });
  const byBug = new Map<
    string,
    { failures: FailureReport[]; symptoms: string[]; group: string | undefined }
  >();
  failures.forEach((failure, index) => {
    const { bug, symptom, group } = assignments[index]!;
    const entry = byBug.get(bug) ?? { failures: [], symptoms: [], group };
    entry.failures.push(failure);
    entry.symptoms.push(symptom);
    byBug.set(bug, entry);
  });

  return [...byBug].map(([fingerprint, { failures: group, symptoms, group: groupKey }]) => {
    // Title, layer, kind and the body's first failure come from the bug's own symptom, so
    // that they match and do not change with the order in which tests finish.
    const ownFirst = [
      ...group.filter((_, index) => symptoms[index] === fingerprint),
      ...group.filter((_, index) => symptoms[index] !== fingerprint),
    ];
    const representative = ownFirst[0]!;
    const distinct = new Set(symptoms);
    // A stored bug seen again has no group in this run, but its symptoms still share a system.
    const system =
      groupKey !== undefined || distinct.size > 1 ? systemOfTest(representative.file) : undefined;
    const layer = layerOf(representative);
    const kind = kindOf(representative);
    const retried = group.find((failure) => failure.passedOnRetry);
    const historyReason = group
      .map((failure) => flakyByHistory.get(failure.testId))
      .find((reason) => reason);
    const flakeReason = retried
      ? `${retried.file} › ${retried.titlePath.join(' › ')} passed on retry in this run`
      : historyReason;
    return {
      fingerprint,
      title: issueTitleOf(representative),
      layer,
      kind,
      labels: labelsOf(layer, kind, flakeReason !== undefined),
      flaky: flakeReason !== undefined,
      ...(flakeReason ? { flakeReason } : {}),
      symptoms: [...distinct].sort(),
      ...(groupKey !== undefined ? { group: groupKey } : {}),
      ...(system !== undefined ? { system } : {}),
      failures: ownFirst,
    };
  });
}

function isFlakyFailure(
  failure: FailureReport,
  flakyByHistory: ReadonlyMap<string, string>,
): boolean {
  return failure.passedOnRetry === true || flakyByHistory.has(failure.testId);
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

/** Reads which of these failures' symptoms stored bugs hold, and the groups other shards of this run filed. */
async function knownBugsOf(
  db: Queryable,
  runId: string,
  failures: readonly FailureReport[],
): Promise<Omit<KnownBugs, 'standsAlone'>> {
  return {
    symptoms: await bugsOfSymptoms(
      db,
      failures.map((failure) => fingerprintFailure(failure)),
    ),
    runGroups: await runBugGroups(db, runId),
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
  let bugs: RecordedBug[] = [];
  let stored = false;
  if (db && failures.length > 0) {
    try {
      bugs = await db.transaction(async (tx) => {
        // Two shards of one run that end together would each miss the other's symptoms and
        // file one cause twice. Under the lock they read, group and record in turn.
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          BUG_STEP_LOCK_CLASS,
          run.id,
        ]);
        const grouped = groupFailures(failures, flaky, await knownBugsOf(tx, run.id, failures));
        const recorded = withBodies(grouped, run, redactor);
        await recordBugsIn(tx, run, recorded, redactor);
        return recorded;
      });
      stored = true;
    } catch (error) {
      // The drafts still reach the disk, grouped without the store; then the caller hears of the error.
      await writeDrafts(
        withBodies(groupFailures(failures, flaky), run, redactor),
        options.draftsDir,
        redactor,
      );
      throw error;
    }
  } else {
    bugs = withBodies(groupFailures(failures, flaky), run, redactor);
  }
  const drafts = await writeDrafts(bugs, options.draftsDir, redactor);

  log(
    'run %s: %d failures, %d bugs, %d drafts written',
    run.id,
    failures.length,
    bugs.length,
    drafts.length,
  );
  return { bugs: bugs.map(({ report }) => report), drafts, recorded: stored };
}

function withBodies(bugs: readonly BugReport[], run: RunInfo, redactor: Redactor): RecordedBug[] {
  return bugs.map((report) => ({ report, body: renderIssueBody(report, run, redactor) }));
}

async function writeDrafts(
  bugs: readonly RecordedBug[],
  draftsDir: string | undefined,
  redactor: Redactor,
): Promise<string[]> {
  const drafts: string[] = [];
  if (draftsDir === undefined || bugs.length === 0) return drafts;
  await mkdir(draftsDir, { recursive: true });
  for (const { report, body } of bugs) {
    const file = join(draftsDir, draftFileName(report.fingerprint));
    await writeFile(file, renderDraft(report, body, redactor));
    drafts.push(file);
  }
  return drafts;
}
