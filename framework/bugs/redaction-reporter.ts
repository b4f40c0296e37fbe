/**
 * Playwright reporter that removes secrets from each test result before the
 * reporters after it see the result: error messages, stacks and snippets,
 * captured output, and text attachments (inline bodies, and files up to
 * 5 MB). List it FIRST in playwright.config.ts, because Playwright calls the
 * reporters in their order and each one reads the same result objects:
 *
 * ```ts
 * reporter: [['./framework/bugs/redaction-reporter.ts'], ['list'], ...],
 * ```
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';

import { createLogger } from '../logging/index.ts';
import { Redactor } from './redact.ts';

const log = createLogger('bugs');

/** Largest attachment file that is read and rewritten; bigger ones are left alone and logged. */
const MAX_ATTACHMENT_BYTES = 5_000_000;

/** Content types whose attachments are text and so can carry a secret in readable form. */
function isText(contentType: string): boolean {
  return /^text\/|[/+](?:json|xml|yaml|x-www-form-urlencoded|javascript)\b|^application\/x-ndjson/.test(
    contentType,
  );
}

export default class RedactionReporter implements Reporter {
  readonly #redactor = Redactor.fromEnv(process.env);

  printsToStdio(): boolean {
    return false;
  }

  #redactError(error: TestError): void {
    if (error.message !== undefined) error.message = this.#redactor.redact(error.message);
    if (error.stack !== undefined) error.stack = this.#redactor.redact(error.stack);
    if (error.value !== undefined) error.value = this.#redactor.redact(error.value);
    if (error.snippet !== undefined) error.snippet = this.#redactor.redact(error.snippet);
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    for (const error of result.errors) this.#redactError(error);
    if (result.error && !result.errors.includes(result.error)) this.#redactError(result.error);

    const redactChunk = (chunk: string | Buffer) =>
      typeof chunk === 'string'
        ? this.#redactor.redact(chunk)
        : Buffer.from(this.#redactor.redact(chunk.toString('utf8')));
    result.stdout = result.stdout.map(redactChunk);
    result.stderr = result.stderr.map(redactChunk);

    for (const attachment of result.attachments) {
      if (!isText(attachment.contentType)) continue;
      if (attachment.body) {
        attachment.body = Buffer.from(this.#redactor.redact(attachment.body.toString('utf8')));
      } else if (attachment.path) {
        this.#redactFile(attachment.path);
      }
    }
  }

  /** Rewrites a text attachment file without its secrets, synchronously, so that no later reporter copies it first. */
  #redactFile(path: string): void {
    try {
      if (statSync(path).size > MAX_ATTACHMENT_BYTES) {
        log(
          'attachment %s is over %d bytes and was not checked for secrets',
          path,
          MAX_ATTACHMENT_BYTES,
        );
        return;
      }
      const text = readFileSync(path, 'utf8');
      const redacted = this.#redactor.redact(text);
      if (redacted !== text) writeFileSync(path, redacted);
    } catch (error) {
      log('attachment %s could not be checked for secrets: %s', path, String(error));
    }
  }
}
