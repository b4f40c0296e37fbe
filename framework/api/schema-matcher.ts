import type { AnySchema } from 'ajv';
import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';

import { checkSchema, describeSchema, type SchemaViolation } from './schema-validator.ts';

/** Violations listed in a failure message; the rest are counted. */
const MAX_LISTED_VIOLATIONS = 10;
/** Width of the received body printed under the violations. */
const MAX_RECEIVED_CHARS = 600;

function formatViolation(state: ExpectMatcherState, violation: SchemaViolation): string {
  const path = violation.path === '' ? '(root)' : violation.path;
  const received = violation.missing ? 'missing' : state.utils.printReceived(violation.received);
  return [
    `  at ${path}  (rule: ${violation.rule})`,
    // `expected` is a description such as "<= 30", not a value, so it is printed unquoted.
    `    Expected: ${violation.expected}`,
    `    Received: ${received}`,
  ].join('\n');
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} chars in all)`;
}

/**
 * `expect(body).toMatchSchema(schema)`: validates a JSON value with Ajv and,
 * on failure, lists each violation with its JSON pointer, rule, expected and
 * received value, in the layout of Playwright's own matchers.
 */
export function toMatchSchema(
  this: ExpectMatcherState,
  received: unknown,
  schema: AnySchema,
): MatcherReturnType {
  const matcherName = 'toMatchSchema';
  const name = describeSchema(schema);
  const hint = this.utils.matcherHint(matcherName, undefined, 'schema', { isNot: this.isNot });
  const schemaLine = name ? `Schema: ${name}\n` : '';
  const { valid, violations } = checkSchema(schema, received);

  if (valid) {
    return {
      name: matcherName,
      pass: true,
      expected: name ?? 'schema',
      actual: received,
      message: () =>
        `${hint}\n\n${schemaLine}Expected the value not to match the schema, but it does.\n` +
        `Received: ${this.utils.printReceived(received)}`,
    };
  }

  const listed = violations
    .slice(0, MAX_LISTED_VIOLATIONS)
    .map((violation) => formatViolation(this, violation));
  const unlisted = violations.length - listed.length;
  const count = `${violations.length} schema violation${violations.length === 1 ? '' : 's'}`;

  return {
    name: matcherName,
    pass: false,
    expected: name ?? 'schema',
    actual: received,
    message: () =>
      [
        hint,
        '',
        `${schemaLine}${count}:`,
        ...listed,
        ...(unlisted > 0 ? [`  … and ${unlisted} more`] : []),
        '',
        `Received value: ${truncate(JSON.stringify(received) ?? String(received), MAX_RECEIVED_CHARS)}`,
      ].join('\n'),
  };
}

/*
 * `expect.extend` types its matchers only for values of a known type: for a
 * value typed `any`, such as supertest's `response.body`, Playwright falls
 * back to its built-in matchers. Declaring the matcher on the global
 * interface as well makes it available there too.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Playwright's extension point is this namespace.
  namespace PlaywrightTest {
    // `T` must be declared for the merge with Playwright's declaration, though this matcher ignores it.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = unknown> {
      /** Validates the value against a JSON Schema (Ajv, with ajv-formats formats). */
      toMatchSchema(schema: AnySchema): R;
    }
  }
}
