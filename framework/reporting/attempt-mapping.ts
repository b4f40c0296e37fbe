import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { TestCase, TestResult } from '@playwright/test/reporter';

import {
  computeTestId,
  type AttachmentRecord,
  type AttemptRecord,
  type TestRecord,
} from '../results/index.ts';
import { visualComparisonsOf } from './visual-comparisons.ts';

/**
 * Maximum length kept of an error message or stack. A failed assertion on a
 * large value can print megabytes; the start is what a reader needs.
 */
export const MAX_ERROR_TEXT_LENGTH = 16_000;

/** Matches ANSI escape sequences (colours, cursor moves) that Playwright puts in error messages. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * Removes NUL characters, which PostgreSQL text columns reject ("invalid byte
 * sequence for encoding UTF8: 0x00"): one in an error message would otherwise
 * fail the whole batch of attempts.
 */
export function stripNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

function limitLength(text: string): string {
  if (text.length <= MAX_ERROR_TEXT_LENGTH) return text;
  return `${text.slice(0, MAX_ERROR_TEXT_LENGTH)}\n… (truncated, ${text.length} characters in all)`;
}

/** Converts a path to one relative to `base`, with `/` separators on every OS. */
export function toPortableRelativePath(path: string, base: string): string {
  const relativePath = isAbsolute(path) ? relative(base, path) : path;
  return relativePath.split(sep).join('/');
}

/** Returns the describe blocks and the title of a test, without the project and file suites. */
export function titlePathOf(test: TestCase): string[] {
  const titles = [test.title];
  for (let suite = test.parent; suite.type === 'describe'; suite = suite.parent!) {
    titles.unshift(suite.title);
  }
  return titles;
}

/** Maps a Playwright test to its record; `configDir` is the folder of playwright.config.ts. */
export function mapTest(test: TestCase, configDir: string): TestRecord {
  const file = toPortableRelativePath(test.location.file, configDir);
  const project = test.parent.project()?.name ?? '';
  const titlePath = titlePathOf(test);
  return {
    id: computeTestId(file, project, titlePath),
    file,
    project,
    titlePath,
    tags: [...test.tags],
  };
}

/**
 * Computes an attempt's id from every field that distinguishes one attempt
 * from another within a run. A replayed or re-sent attempt gets the same id, so
 * the store's `ON CONFLICT DO NOTHING` drops the copy.
 */
export function computeAttemptId(parts: {
  runId: string;
  testId: string;
  shardIndex: number;
  repeatEachIndex: number;
  retry: number;
}): string {
  const key = [parts.runId, parts.testId, parts.shardIndex, parts.repeatEachIndex, parts.retry];
  return createHash('sha256').update(key.join('\u001f')).digest('hex').slice(0, 32);
}

/** An attachment whose size is read from disk later, off the test's `onTestEnd` call. */
export interface AttachmentToMeasure {
  attachment: AttachmentRecord;
  absolutePath: string;
}

export interface MappedAttempt {
  attempt: AttemptRecord;
  attachmentsToMeasure: AttachmentToMeasure[];
}

/**
 * Maps one attempt (Playwright's `TestResult`) to its record. Attachments on
 * disk get their size later through `measureAttachments`; inline bodies are
 * measured here.
 */
export function mapAttempt(
  test: TestCase,
  result: TestResult,
  context: { runId: string; testId: string; shardIndex: number; cwd: string },
): MappedAttempt {
  const attachmentsToMeasure: AttachmentToMeasure[] = [];
  const attachments = result.attachments.map((source): AttachmentRecord => {
    const attachment: AttachmentRecord = { name: source.name, contentType: source.contentType };
    if (source.path) {
      const absolutePath = resolve(context.cwd, source.path);
      attachment.path = toPortableRelativePath(absolutePath, context.cwd);
      attachmentsToMeasure.push({ attachment, absolutePath });
    } else if (source.body) {
      attachment.sizeBytes = source.body.byteLength;
    }
    return attachment;
  });

  const firstError = result.errors[0] ?? result.error;
  const errorMessage = firstError?.message ?? firstError?.value;
  const errorStack = firstError?.stack;

  // Each result carries the annotations of its own attempt (Playwright 1.65
  // types them as always present). `test.annotations` is the fallback for a
  // result without them.
  const annotations = (result.annotations ?? test.annotations).map((annotation) =>
    annotation.description === undefined
      ? { type: stripNul(annotation.type) }
      : { type: stripNul(annotation.type), description: stripNul(annotation.description) },
  );

  // A quarantined test's failure is made expected so that it cannot fail the
  // run. The store must still see a failure, or the test would look healthy and
  // drop out of the next quarantine list.
  const quarantinedFailure = annotations.some(
    (annotation) => annotation.type === 'quarantined-failure',
  );
  const expectedStatus = quarantinedFailure ? 'passed' : test.expectedStatus;

  const attempt: AttemptRecord = {
    id: computeAttemptId({
      runId: context.runId,
      testId: context.testId,
      shardIndex: context.shardIndex,
      repeatEachIndex: test.repeatEachIndex,
      retry: result.retry,
    }),
    runId: context.runId,
    testId: context.testId,
    shardIndex: context.shardIndex,
    retry: result.retry,
    repeatEachIndex: test.repeatEachIndex,
    status: result.status,
    expectedStatus,
    startedAt: result.startTime,
    durationMs: Math.max(0, Math.round(result.duration)),
    workerIndex: result.workerIndex,
    attachments,
    annotations,
  };
  if (errorMessage !== undefined) {
    attempt.errorMessage = limitLength(stripNul(stripAnsi(errorMessage)));
  }
  if (errorStack !== undefined) attempt.errorStack = limitLength(stripNul(stripAnsi(errorStack)));
  const visualComparisons = visualComparisonsOf(result, {
    attemptId: attempt.id,
    runId: context.runId,
    testId: context.testId,
  });
  if (visualComparisons.length > 0) attempt.visualComparisons = visualComparisons;

  return { attempt, attachmentsToMeasure };
}

/**
 * Sets `sizeBytes` of attachments on disk. A file that is gone (Playwright
 * removes some artifacts of passing tests) keeps no size.
 */
export async function measureAttachments(toMeasure: readonly AttachmentToMeasure[]): Promise<void> {
  await Promise.all(
    toMeasure.map(async ({ attachment, absolutePath }) => {
      try {
        attachment.sizeBytes = (await stat(absolutePath)).size;
      } catch {
        // Left without a size: the record still names the attachment and its path.
      }
    }),
  );
}
