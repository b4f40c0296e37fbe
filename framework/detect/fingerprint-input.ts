/**
 * What a bug fingerprint is computed from: the failure as the bug layer (framework/bugs) takes
 * it. Detection hands each failing test to a fingerprint function of this shape.
 */
export interface FailureForFingerprint {
  testId: string;
  titlePath: string[];
  file: string;
  project: string;
  error: { message?: string; stack?: string; name?: string };
  attachments?: { name: string; contentType: string; body?: Buffer | string }[];
}

export type FingerprintFunction = (failure: FailureForFingerprint) => string;
