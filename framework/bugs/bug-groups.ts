/**
 * From symptoms to bugs. A fingerprint names a symptom: one failure, repeated
 * across tests and runs. One cause often shows several symptoms at once. A
 * model that swaps two class labels fails the API test that reads the label,
 * the batch test that counts correct predictions and the page that prints the
 * label, each with its own message and stack frame. An issue per symptom
 * would file one cause three times.
 *
 * The two kinds of failure point at a cause differently:
 *
 * - An exception (a TypeError, an error that project code throws) carries the
 *   cause in its stack: the first project frame is where it went wrong. Its
 *   fingerprint already names the cause, so each such symptom is a bug.
 * - An observation (an assertion that compared the system's output, a visual
 *   mismatch, a broken load threshold, a wait for the page that timed out, a
 *   connection the system refused) carries only the place of the check. Several checks of one system that
 *   start to fail together see one change from different sides.
 *
 * So new observation symptoms are grouped the way Prometheus Alertmanager
 * groups alerts by a label within one evaluation (`group_by`, see
 * https://prometheus.io/docs/alerting/latest/alertmanager/#grouping): those
 * that first appear in the same run, in tests of the same system under test,
 * are one bug, because the change that the run tests is their common onset.
 *
 * - A symptom that a bug already contains stays with that bug in every later run.
 *   An open bug never absorbs a new regression: new symptoms of a later run
 *   become a bug of their own.
 * - The system of a test is the folder its spec sits in,
 *   `specs/<layer>/<system>/`. A test outside that layout names no system, and
 *   each of its symptoms is a bug of its own. A symptom seen in specs of two
 *   systems (a shared helper) goes with the system whose name sorts first.
 * - A refused or reset connection means that the system stopped responding,
 *   which is a cause of its own: such symptoms form a separate group per
 *   system, so that an outage never reopens or renames an assertion's bug.
 * - A failure that passed on retry, or whose test is flaky by its history,
 *   stays a bug of its own, so that a flake never labels a hard regression
 *   `flaky`.
 * - Shards of one run end one by one and record their bugs under a lock (see
 *   `runBugStep`). New observations of a group for which an earlier shard of
 *   the same run opened a bug join that bug.
 * - A new bug's fingerprint is the smallest of the symptoms that first file
 *   it, so the same failures give the same bug whatever order the workers
 *   finish in.
 *
 * The limit: two causes that land in one run and are both seen only through
 * assertions on the same system are filed as one bug. Its issue lists every
 * symptom with its tests, which is where a reader sees that it contains two.
 */
import { kindOf } from './classify.ts';
import { fingerprintFailure, type FailureForFingerprint } from './fingerprint.ts';

/** The symptom of one failure and the bug it is filed under. */
export interface BugAssignment {
  /** The failure's fingerprint (`fingerprintFailure`). */
  symptom: string;
  /** The fingerprint of the bug that contains the symptom. */
  bug: string;
  /** The group of a new observation (`iris`, `iris:network`); undefined for a bug of one symptom. */
  group?: string;
}

/** Bugs already stored when a run's failures are assigned, and the test for failures filed alone. */
export interface KnownBugs {
  /** Symptom → bug, for the symptoms of stored bugs. */
  symptoms?: ReadonlyMap<string, string>;
  /** Group → bug, for the groups that other shards of this run filed. */
  runGroups?: ReadonlyMap<string, string>;
  /** True for a failure that must stay a bug of its own: one that passed on retry, for example. */
  standsAlone?: (failure: FailureForFingerprint) => boolean;
}

const SPEC_LAYOUT = /(?:^|\/)specs\/[^/]+\/([^/]+)\/./;

/** Returns the system under test of a spec file at `specs/<layer>/<system>/...`, else undefined. */
export function systemOfTest(file: string): string | undefined {
  return SPEC_LAYOUT.exec(file.replace(/\\/g, '/'))?.[1];
}

/**
 * Returns the group of a new failure as the module comment describes:
 * `<system>` for an observation, `<system>:network` for a refused
 * connection, undefined for a failure that is a bug of its own. The bug's
 * kind (`kindOf`) tells an observation (an assertion, a timeout, a visual
 * mismatch, a broken load threshold) from an exception.
 */
export function groupOf(
  failure: FailureForFingerprint,
  standsAlone: KnownBugs['standsAlone'] = () => false,
): string | undefined {
  const system = systemOfTest(failure.file);
  if (system === undefined || standsAlone(failure)) return undefined;
  const kind = kindOf(failure);
  if (kind === 'exception') return undefined;
  return kind === 'network' ? `${system}:network` : system;
}

/**
 * Assigns each failure of one run to a bug, in the order given. Symptoms that
 * stored bugs contain stay with them; new observations are grouped; every other
 * new symptom is a bug of its own.
 */
export function assignBugs(
  failures: readonly FailureForFingerprint[],
  known: KnownBugs = {},
): BugAssignment[] {
  const knownBugs = known.symptoms ?? new Map<string, string>();
  const symptoms = failures.map((failure) => fingerprintFailure(failure));

  // Each new symptom takes one group from all of its failures, whatever their order:
  // none when any of them is filed alone, else the group that sorts first.
  const groupOfSymptom = new Map<string, string | null>();
  symptoms.forEach((symptom, index) => {
    if (knownBugs.has(symptom)) return;
    const group = groupOf(failures[index]!, known.standsAlone) ?? null;
    const previous = groupOfSymptom.get(symptom);
    if (previous === undefined) groupOfSymptom.set(symptom, group);
    else if (previous === null || group === null) groupOfSymptom.set(symptom, null);
    else if (group < previous) groupOfSymptom.set(symptom, group);
  });

  const membersOfGroup = new Map<string, string[]>();
  for (const [symptom, group] of groupOfSymptom) {
    if (group !== null) membersOfGroup.set(group, [...(membersOfGroup.get(group) ?? []), symptom]);
  }
  const bugOfGroup = new Map<string, string>();
  for (const [group, members] of membersOfGroup) {
    bugOfGroup.set(group, known.runGroups?.get(group) ?? [...members].sort()[0]!);
  }

  return symptoms.map((symptom) => {
    const knownBug = knownBugs.get(symptom);
    if (knownBug !== undefined) return { symptom, bug: knownBug };
    const group = groupOfSymptom.get(symptom);
    if (group === null || group === undefined) return { symptom, bug: symptom };
    return { symptom, bug: bugOfGroup.get(group)!, group };
  });
}
