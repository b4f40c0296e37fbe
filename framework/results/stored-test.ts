import type { TestRecord } from './records.ts';

/** A test as the store returns it: the record plus the columns the store fills in. */
export interface StoredTest extends TestRecord {
  /** The last element of `titlePath`. */
  title: string;
  firstSeenAt: Date;
}

/** Columns of `tests` (aliased `t`) that {@link storedTestFromRow} reads. */
export const TEST_COLUMNS =
  't.id AS test_id, t.file, t.project, t.title_path, t.title, t.tags, t.first_seen_at';

export interface TestRow {
  test_id: string;
  file: string;
  project: string;
  title_path: string[];
  title: string | null;
  tags: string[];
  first_seen_at: Date;
}

export function storedTestFromRow(row: TestRow): StoredTest {
  return {
    id: row.test_id,
    file: row.file,
    project: row.project,
    titlePath: row.title_path,
    title: row.title ?? '',
    tags: row.tags,
    firstSeenAt: row.first_seen_at,
  };
}

/** Maps SQL NULL to `undefined`, the convention of the records for a missing optional field. */
export function orUndefined<T>(value: T | null): T | undefined {
  return value ?? undefined;
}
