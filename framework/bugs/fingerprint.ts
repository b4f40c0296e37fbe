/**
 * Bug fingerprints. Failures that share a fingerprint are one bug with many
 * occurrences, across tests and across runs, so the fingerprint keeps what
 * names the bug and drops what changes from run to run:
 *
 * - a visual failure: the baseline name and the kinds and places of its
 *   changed regions (from the `nova-visual` attachment);
 * - a load failure: the system, the scenario and the thresholds that broke
 *   (from the `nova-load` attachment);
 * - any other failure: the error's kind, its normalised message and the first
 *   stack frame inside the project (file and function, without line numbers).
 *   When no frame is inside the project, as for a test timeout, the test's
 *   identity (file and title path) takes the frame's place, because nothing
 *   else in the failure places it in the code.
 */
import { createHash } from 'node:crypto';

import {
  brokenLoadSummaries,
  failedVisualComparisons,
  type VisualComparison,
  type VisualRegion,
} from './layer-attachments.ts';
import { normaliseMessage, stripAnsi } from './normalise.ts';
import { firstProjectFrame } from './stack-frames.ts';

/** A failed test attempt, with the fields that the fingerprint reads. */
export interface FailureForFingerprint {
  testId: string;
  /** Describe blocks and the test title, without project and file. */
  titlePath: string[];
  /** Test file relative to the project root, with `/` separators. */
  file: string;
  project: string;
  error: { message?: string; stack?: string; name?: string };
  attachments?: { name: string; contentType: string; body?: Buffer | string }[];
}

export type FailureLayerKind = 'visual' | 'load' | 'error';

/** The inputs of a fingerprint before hashing, readable in logs and tests. */
export interface FingerprintBasis {
  kind: FailureLayerKind;
  parts: string[];
}

/**
 * Changes when the fingerprint's recipe changes, so that fingerprints of two
 * recipes can never be equal by accident.
 */
const RECIPE_VERSION = 'nova-fingerprint-1';

/** Hex digits kept of the SHA-256: 96 bits, far beyond any number of bugs a project has. */
const FINGERPRINT_LENGTH = 24;

const LEADING_ERROR_KIND = /^\s*([A-Z][A-Za-z0-9_$]*(?:Error|Exception))(?::|\s*$)/;

const VISUAL_MESSAGE = /^\s*(?:Error:\s*)?Visual mismatch "([^"]*)"/;
const LOAD_MESSAGE = /^\s*(?:Error:\s*)?Load threshold broken in "([^"]*)"/;

/** Returns the error's class name: `error.name`, else the `TypeError:` that starts the message, else `Error`. */
export function errorKind(error: FailureForFingerprint['error']): string {
  if (error.name !== undefined && error.name.trim() !== '') return error.name.trim();
  const match = LEADING_ERROR_KIND.exec(stripAnsi(error.message ?? ''));
  return match?.[1] ?? 'Error';
}

function withoutKindPrefix(message: string, kind: string): string {
  const plain = stripAnsi(message);
  const prefix = new RegExp(`^\\s*(?:${kind.replace(/[$]/g, '\\$')}|Error):\\s*`);
  return plain.replace(prefix, '');
}

/**
 * Names the part of the image a region sits in, on a 3 × 3 grid by the
 * region's centre: `top-left` … `bottom-right`. A coarse grid keeps the place
 * stable when the same change moves by a few pixels between runs.
 */
export function regionPlace(
  region: Pick<VisualRegion, 'x' | 'y' | 'width' | 'height'>,
  imageWidth: number,
  imageHeight: number,
): string {
  if (imageWidth <= 0 || imageHeight <= 0) return 'somewhere';
  const third = (centre: number, size: number): number =>
    Math.min(2, Math.max(0, Math.floor((centre / size) * 3)));
  const row = ['top', 'middle', 'bottom'][third(region.y + region.height / 2, imageHeight)];
  const column = ['left', 'centre', 'right'][third(region.x + region.width / 2, imageWidth)];
  return row === 'middle' && column === 'centre' ? 'centre' : `${row}-${column}`;
}

/** Lists the distinct `kind@place` of a comparison's regions, sorted, plus its status when it is `missing` or `size-changed`. */
export function visualSignature(comparison: VisualComparison): string[] {
  const width = comparison.width || comparison.baselineWidth || 0;
  const height = comparison.height || comparison.baselineHeight || 0;
  const signature = new Set(
    comparison.regions.map((region) => `${region.kind}@${regionPlace(region, width, height)}`),
  );
  if (comparison.status === 'missing' || comparison.status === 'size-changed') {
    signature.add(comparison.status);
  }
  return [...signature].sort();
}

/** Computes what a failure's fingerprint is made of; `fingerprintFailure` hashes it. */
export function fingerprintBasis(failure: FailureForFingerprint): FingerprintBasis {
  const attachments = failure.attachments;
  const message = failure.error.message ?? '';

  const comparisons = failedVisualComparisons(attachments);
  if (comparisons.length > 0) {
    const parts = comparisons
      .map((comparison) => `${comparison.baseline}:${visualSignature(comparison).join(',')}`)
      .sort();
    return { kind: 'visual', parts };
  }

  const summaries = brokenLoadSummaries(attachments);
  if (summaries.length > 0) {
    const parts = summaries
      .map((summary) => {
        const broken = summary.thresholds
          .filter((threshold) => !threshold.pass)
          .map((threshold) =>
            threshold.tag ? `${threshold.expression}{${threshold.tag}}` : threshold.expression,
          )
          .sort();
        return `${summary.system}/${summary.scenario}:${broken.join(',')}`;
      })
      .sort();
    return { kind: 'load', parts };
  }

  // The attachment may be missing, for example when its body was not kept. The message still names the subject.
  const visualMatch = VISUAL_MESSAGE.exec(stripAnsi(message));
  if (visualMatch !== null) return { kind: 'visual', parts: [visualMatch[1] ?? ''] };
  const loadMatch = LOAD_MESSAGE.exec(stripAnsi(message));
  if (loadMatch !== null) {
    const rest = normaliseMessage(stripAnsi(message).slice(loadMatch[0].length));
    return { kind: 'load', parts: [loadMatch[1] ?? '', rest] };
  }

  const kind = errorKind(failure.error);
  const normalised = normaliseMessage(withoutKindPrefix(message, kind));
  const frame = firstProjectFrame(failure.error.stack ?? '', failure.file);
  const place = frame
    ? `${frame.file}#${frame.functionName}`
    : `test:${failure.file}#${failure.titlePath.join(' › ')}`;
  return { kind: 'error', parts: [kind, normalised, place] };
}

/**
 * Computes a failure's fingerprint: 24 hex digits of a SHA-256 over its
 * fingerprint basis. Equal for failures of one bug, different for different bugs.
 */
export function fingerprintFailure(failure: FailureForFingerprint): string {
  const basis = fingerprintBasis(failure);
  const key = [RECIPE_VERSION, basis.kind, ...basis.parts].join('\u001f');
  return createHash('sha256').update(key).digest('hex').slice(0, FINGERPRINT_LENGTH);
}
