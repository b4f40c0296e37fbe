/**
 * What bugs are computed from: the failures as the bug layer (framework/bugs) takes them.
 * Detection hands a run's failing tests to a function of this shape, assignBugs in use, which
 * returns each failure's symptom (its fingerprint) and the bug that contains it.
 */
import type { BugAssignment, FailureForFingerprint } from '../bugs/index.ts';

export type { BugAssignment, FailureForFingerprint };

export type BugAssigner = (failures: readonly FailureForFingerprint[]) => BugAssignment[];
