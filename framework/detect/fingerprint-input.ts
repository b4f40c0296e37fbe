/**
 * What a bug fingerprint is computed from: the failure as the bug layer (framework/bugs) takes
 * it. Detection hands each failing test to a function of this shape, fingerprintFailure in use.
 */
import type { FailureForFingerprint } from '../bugs/index.ts';

export type { FailureForFingerprint };

export type FingerprintFunction = (failure: FailureForFingerprint) => string;
