/**
 * From symptoms to bugs. A fingerprint names a symptom: one failure, repeated
 * across tests and runs. One cause often shows several symptoms at once. A
 * model that swaps two class labels fails the API test that reads the label,
 * the batch test that counts correct answers and the page that prints the
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
 * - A symptom that a bug already holds stays with that bug in every later run.
 *   An open bug never absorbs a new regression: new symptoms of a later run
 *   become a bug of their own.
 * - The system of a test is the folder its spec sits in,
 *   `specs/<layer>/<system>/`. A test outside that layout names no system, and
 *   each of its symptoms is a bug of its own.
 * - Shards of one run end one by one. A new observation on a system for which
 *   an earlier shard of the same run opened a bug joins that bug.
 * - A new bug's fingerprint is the smallest of its symptoms' fingerprints, so
 *   the same failures give the same bug whatever order the workers finish in.
 *
 * The limit: two causes that land in one run and are both seen only through
 * assertions on the same system are filed as one bug. Its issue lists every
 * symptom with its tests, which is where a reader sees that it holds two.
 */
import { kindOf } from './classify.ts';
import { fingerprintFailure, type FailureForFingerprint } from './fingerprint.ts';

/** The symptom of one failure and the bug it is filed under. */
export interface BugAssignment {
  /** The failure's fingerprint (`fingerprintFailure`). */
  symptom: string;
  /** The fingerprint of the bug that holds the symptom. */
  bug: string;
}

/** What the store already knows when a run's failures are assigned. */
export interface KnownBugs {
  /** Symptom → bug, for the symptoms that stored bugs hold. */
  symptoms?: ReadonlyMap<string, string>;
  /** System → bug, for observation bugs that other shards of this run opened. */
  runSystems?: ReadonlyMap<string, string>;
}

const SPEC_LAYOUT = /(?:^|\/)specs\/[^/]+\/([^/]+)\/./;

/** Returns the system under test of a spec file at `specs/<layer>/<system>/...`, else undefined. */
export function systemOfTest(file: string): string | undefined {
  return SPEC_LAYOUT.exec(file.replace(/\\/g, '/'))?.[1];
}

/**
 * Tells an observation from an exception by the bug's kind (`kindOf`): a
 * failed assertion, a timeout, a network error (the system stopped
 * answering), a visual mismatch or a broken load threshold is an observation.
 */
export function isObservation(failure: FailureForFingerprint): boolean {
  return kindOf(failure) !== 'exception';
}

/**
 * Assigns each failure of one run to a bug, in the order given. Symptoms that
 * stored bugs hold stay with them; new observations are grouped by system;
 * every other new symptom is a bug of its own.
 */
export function assignBugs(
  failures: readonly FailureForFingerprint[],
  known: KnownBugs = {},
): BugAssignment[] {
  const knownBugs = known.symptoms ?? new Map<string, string>();
  const symptoms = failures.map((failure) => fingerprintFailure(failure));

  // A symptom seen in several tests takes the group of its first test.
  const groups = new Map<string, Set<string>>();
  const grouped = new Set<string>();
  symptoms.forEach((symptom, index) => {
    if (knownBugs.has(symptom) || grouped.has(symptom)) return;
    grouped.add(symptom);
    const failure = failures[index]!;
    const system = systemOfTest(failure.file);
    const key =
      system !== undefined && isObservation(failure) ? `system:${system}` : `symptom:${symptom}`;
    const group = groups.get(key) ?? new Set<string>();
    group.add(symptom);
    groups.set(key, group);
  });

  const bugOfNewSymptom = new Map<string, string>();
  for (const [key, group] of groups) {
    const runBug = key.startsWith('system:')
      ? known.runSystems?.get(key.slice('system:'.length))
      : undefined;
    const bug = runBug ?? [...group].sort()[0]!;
    for (const symptom of group) bugOfNewSymptom.set(symptom, bug);
  }

  return symptoms.map((symptom) => ({
    symptom,
    bug: knownBugs.get(symptom) ?? bugOfNewSymptom.get(symptom) ?? symptom,
  }));
}
