/**
 * The layer and kind of a bug, which become its issue labels
 * (`layer:api`, `kind:timeout`), and the symptom that becomes its title.
 */
import {
  fingerprintBasis,
  type FailureForFingerprint,
  type FingerprintBasis,
} from './fingerprint.ts';
import { failedVisualComparisons, brokenLoadSummaries } from './layer-attachments.ts';
import { stripAnsi } from './normalise.ts';

export type BugLayer = 'ui' | 'api' | 'visual' | 'load' | 'data' | 'other';
export type BugKind = 'assertion' | 'timeout' | 'network' | 'exception' | 'visual' | 'load';

const LAYERS: readonly BugLayer[] = ['ui', 'api', 'visual', 'load', 'data'];

/** Maximum length of an issue title, so that it stays readable in an issue list. */
export const MAX_TITLE_LENGTH = 120;

/**
 * Returns the bug's layer: visual or load when the failure carries their
 * attachment, else the Playwright project when it is named after a layer,
 * else the folder under `specs/` (`specs/api/...`).
 */
export function layerOf(
  failure: FailureForFingerprint,
  basis = fingerprintBasis(failure),
): BugLayer {
  if (basis.kind === 'visual' || basis.kind === 'load') return basis.kind;
  const project = failure.project.toLowerCase();
  const byProject = LAYERS.find((layer) => project === layer || project.startsWith(`${layer}-`));
  if (byProject) return byProject;
  const folder = /(?:^|\/)specs\/([^/]+)\//.exec(failure.file)?.[1];
  return LAYERS.find((layer) => layer === folder) ?? 'other';
}

const TIMEOUT = /\bTimeout \d+ ?ms exceeded|\btimed? ?out\b|Test timeout of/i;
const NETWORK =
  /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|socket hang up|net::ERR_[A-Z_]+)\b/;
// `Expected: 200` on a line of its own is a matcher's report; "Expected" inside a sentence
// may be any error's wording. fast-check reports a failed property as `Property failed after
// <n> tests`, often without the assertion inside it: a property is a check all the same.
const ASSERTION =
  /\bexpect(?:\.\w+)?\(|^\s*Expected(?: [a-z]+)?:|AssertionError|toMatchSchema|toMatchBaseline|^(?:Error: )?Property failed after \d+ tests\b/m;

/**
 * JavaScript's own error classes (ECMA-262, "Native Error Types"): the code
 * broke, whatever words its message holds. fast-check names the error that
 * broke a property on a `Got error:` line.
 */
const BUILT_IN_ERROR =
  /^(?:Got error: )?(?:Error: )?(?:TypeError|SyntaxError|RangeError|ReferenceError|EvalError|URIError)\b/m;
const BUILT_IN_NAMES = new Set([
  'TypeError',
  'SyntaxError',
  'RangeError',
  'ReferenceError',
  'EvalError',
  'URIError',
]);

/** Returns the bug's kind: visual, load, timeout, network, assertion, or any other exception. */
export function kindOf(failure: FailureForFingerprint, basis = fingerprintBasis(failure)): BugKind {
  if (basis.kind === 'visual' || basis.kind === 'load') return basis.kind;
  const message = stripAnsi(failure.error.message ?? '');
  if (BUILT_IN_NAMES.has(failure.error.name ?? '') || BUILT_IN_ERROR.test(message)) {
    return 'exception';
  }
  if (NETWORK.test(message)) return 'network';
  if (TIMEOUT.test(message)) return 'timeout';
  if (ASSERTION.test(message)) return 'assertion';
  return 'exception';
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Reads `Expected: x` and `Received: y` (or `Received string:` and similar) from an assertion message. */
function expectedAndReceived(message: string): { expected?: string; received?: string } {
  const expected = /^\s*Expected(?: [a-z]+)?:\s*(.+)$/m.exec(message)?.[1]?.trim();
  const received = /^\s*Received(?: [a-z]+)?:\s*(.+)$/m.exec(message)?.[1]?.trim();
  return { expected, received };
}

/**
 * Describes what went wrong in a few words, without the test's name, because
 * one bug may fail many tests: `toBe failed: expected 200, received 500`,
 * `locator.click: Timeout 5000ms exceeded`, `Visual change in "home": colour at top-left`.
 */
export function symptomOf(
  failure: FailureForFingerprint,
  basis: FingerprintBasis = fingerprintBasis(failure),
): string {
  const message = stripAnsi(failure.error.message ?? '').replace(/^\s*Error:\s*/, '');

  if (basis.kind === 'visual') {
    const comparison = failedVisualComparisons(failure.attachments)[0];
    if (!comparison) return shorten(firstLine(message), MAX_TITLE_LENGTH);
    const changes = [...new Set(comparison.regions.map((region) => region.kind))].join(', ');
    const what = comparison.status === 'mismatch' ? changes || 'pixels changed' : comparison.status;
    return `Visual change in "${comparison.baseline}": ${what}`;
  }

  if (basis.kind === 'load') {
    const summary = brokenLoadSummaries(failure.attachments)[0];
    if (!summary) return shorten(firstLine(message), MAX_TITLE_LENGTH);
    const broken = summary.thresholds
      .filter((threshold) => !threshold.pass)
      .map((threshold) => threshold.expression);
    return `Load threshold ${broken.join(', ')} broken in "${summary.scenario}"`;
  }

  const matcher = /\bexpect\(([^)]*)\)\.(?:not\.)?(\w+)\(/.exec(message);
  const { expected, received } = expectedAndReceived(message);
  if (matcher && expected !== undefined) {
    const subject = matcher[1] === 'received' || matcher[1] === '' ? '' : ` on ${matcher[1]}`;
    const receivedText = received === undefined ? '' : `, received ${received}`;
    return shorten(
      `${matcher[2]} failed${subject}: expected ${expected}${receivedText}`,
      MAX_TITLE_LENGTH,
    );
  }
  return shorten(
    firstLine(message) || failure.error.name || 'Test failed without a message',
    MAX_TITLE_LENGTH,
  );
}

/** Builds the issue title: the layer and the symptom, such as `[api] toBe failed: expected 200, received 500`. */
export function issueTitleOf(failure: FailureForFingerprint): string {
  const basis = fingerprintBasis(failure);
  return shorten(`[${layerOf(failure, basis)}] ${symptomOf(failure, basis)}`, MAX_TITLE_LENGTH);
}

/** Labels of a bug's issue: `nova`, `bug` or `flaky`, the layer and the kind. */
export function labelsOf(layer: BugLayer, kind: BugKind, flaky: boolean): string[] {
  return ['nova', flaky ? 'flaky' : 'bug', `layer:${layer}`, `kind:${kind}`];
}
