/**
 * Playwright matchers for tables and query results. Each takes an array of
 * rows or a RowSource (tableRows, queryRows), which it reads when it runs:
 *
 *   await expect(tableRows(db, 'readings')).toHaveUniqueKey(['station_code', 'observed_at']);
 *
 * The matchers are async, so each call needs `await`.
 */
import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';

import { checkValuesInRange, checkValuesInSet, type ValueRange } from './allowed-values.ts';
import { checkFreshness, type FreshnessOptions } from './freshness.ts';
import { checkNoNulls } from './no-nulls.ts';
import { checkReferences, type ReferenceOptions } from './referential-integrity.ts';
import { checkEqualRows, type RowDiffOptions } from './row-diff.ts';
import { checkRowCount, type CountRange } from './row-count.ts';
import { resolveRows, type CheckResult, type Row, type RowSource } from './rows.ts';
import { checkUniqueKey } from './unique-key.ts';

type Rows = Row[] | RowSource;

function toMatcherResult(
  state: ExpectMatcherState,
  name: string,
  label: string,
  result: CheckResult,
): MatcherReturnType {
  const hint = state.utils.matcherHint(name, label, undefined, { isNot: state.isNot });
  return {
    name,
    pass: result.pass,
    message: () =>
      [
        hint,
        '',
        state.isNot
          ? `Expected ${label} not to pass, but it ${result.summary}.`
          : `${label[0]?.toUpperCase()}${label.slice(1)} ${result.summary}.`,
        ...result.details,
      ].join('\n'),
  };
}

export const dataMatchers = {
  async toHaveRowCount(this: ExpectMatcherState, received: Rows, range: CountRange) {
    const { label, rows } = await resolveRows(received);
    return toMatcherResult(this, 'toHaveRowCount', label, checkRowCount(rows, range));
  },

  async toHaveUniqueKey(this: ExpectMatcherState, received: Rows, columns: string[]) {
    const { label, rows } = await resolveRows(received);
    return toMatcherResult(this, 'toHaveUniqueKey', label, checkUniqueKey(rows, columns, label));
  },

  async toHaveNoNulls(this: ExpectMatcherState, received: Rows, columns: string[]) {
    const { label, rows } = await resolveRows(received);
    return toMatcherResult(this, 'toHaveNoNulls', label, checkNoNulls(rows, columns, label));
  },

  async toHaveValuesIn(
    this: ExpectMatcherState,
    received: Rows,
    column: string,
    allowed: unknown[],
  ) {
    const { label, rows } = await resolveRows(received);
    return toMatcherResult(
      this,
      'toHaveValuesIn',
      label,
      checkValuesInSet(rows, column, allowed, label),
    );
  },

  async toHaveValuesInRange(
    this: ExpectMatcherState,
    received: Rows,
    column: string,
    range: ValueRange,
  ) {
    const { label, rows } = await resolveRows(received);
    return toMatcherResult(
      this,
      'toHaveValuesInRange',
      label,
      checkValuesInRange(rows, column, range, label),
    );
  },

  async toReference(
    this: ExpectMatcherState,
    received: Rows,
    referenced: Rows,
    options: ReferenceOptions,
  ) {
    const child = await resolveRows(received);
    const parent = await resolveRows(referenced);
    return toMatcherResult(
      this,
      'toReference',
      child.label,
      checkReferences(child.rows, parent.rows, options, {
        child: child.label,
        parent: parent.label,
      }),
    );
  },

  async toBeFresh(
    this: ExpectMatcherState,
    received: Rows,
    column: string,
    options: FreshnessOptions,
  ) {
    const { label, rows } = await resolveRows(received);
    return toMatcherResult(this, 'toBeFresh', label, checkFreshness(rows, column, options, label));
  },

  async toEqualRows(
    this: ExpectMatcherState,
    received: Rows,
    expected: Rows,
    options: RowDiffOptions = {},
  ) {
    const actual = await resolveRows(received);
    const wanted = await resolveRows(expected);
    return toMatcherResult(
      this,
      'toEqualRows',
      actual.label,
      checkEqualRows(actual.rows, wanted.rows, options),
    );
  },
};

/*
 * Declared on Playwright's global Matchers interface as well, so that the
 * matchers are typed on `expect(value)` whatever the value's type.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Playwright's extension point is this namespace.
  namespace PlaywrightTest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = unknown> {
      /** The row count is exactly `range` or within { min, max }, ends included. */
      toHaveRowCount(range: CountRange): Promise<R>;
      /** No two rows share the values of `columns`. */
      toHaveUniqueKey(columns: string[]): Promise<R>;
      /** No row has NULL in any of `columns`. */
      toHaveNoNulls(columns: string[]): Promise<R>;
      /** Every value of `column` is one of `allowed`. */
      toHaveValuesIn(column: string, allowed: unknown[]): Promise<R>;
      /** Every value of `column` is a number or date within { min, max }, ends included. */
      toHaveValuesInRange(column: string, range: ValueRange): Promise<R>;
      /** Every key of `options.columns` exists in `referenced` (NULL keys are not checked). */
      toReference(referenced: Row[] | RowSource, options: ReferenceOptions): Promise<R>;
      /** The newest value of `column` is at most `maxAgeMs` old. */
      toBeFresh(column: string, options: FreshnessOptions): Promise<R>;
      /** Same rows as `expected` in any order, counting repeats; the failure lists missing and unexpected rows. */
      toEqualRows(expected: Row[] | RowSource, options?: RowDiffOptions): Promise<R>;
    }
  }
}
