/**
 * Writes the visual layer's screenshot comparisons to `visual_comparisons`,
 * one row per `nova-visual` attachment, in the transaction of their attempts.
 */
import type { Queryable } from './database.ts';
import type { VisualComparisonRecord } from './records.ts';
import { chunks, placeholders } from './sql-values.ts';

const COLUMNS = [
  'id',
  'attempt_id',
  'run_id',
  'test_id',
  'baseline_name',
  'project',
  'status',
  'width',
  'height',
  'baseline_width',
  'baseline_height',
  'diff_pixels',
  'diff_ratio',
  'threshold',
  'regions',
  'actual_path',
  'expected_path',
  'diff_path',
  'annotated_path',
];

/** 19 columns: 500 rows stay far below PostgreSQL's 65,535 parameters. */
const BATCH_SIZE = 500;

const STATUSES = new Set(['match', 'mismatch', 'missing', 'size-changed']);

type Body = Record<string, unknown>;

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function integerOrNull(value: unknown): number | null {
  return Number.isInteger(value) ? (value as number) : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Turns a record into its row, or undefined when its body is not a
 * comparison (the reporter validates bodies, so this guards replayed files).
 */
export function visualComparisonRow(record: VisualComparisonRecord): unknown[] | undefined {
  let body: Body;
  try {
    const parsed: unknown = JSON.parse(record.body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    body = parsed as Body;
  } catch {
    return undefined;
  }
  if (typeof body.baseline !== 'string' || typeof body.project !== 'string') return undefined;
  if (typeof body.status !== 'string' || !STATUSES.has(body.status)) return undefined;
  return [
    record.id,
    record.attemptId,
    record.runId,
    record.testId,
    body.baseline,
    body.project,
    body.status,
    integerOrNull(body.width),
    integerOrNull(body.height),
    integerOrNull(body.baselineWidth),
    integerOrNull(body.baselineHeight),
    integerOrNull(body.diffPixels),
    numberOrNull(body.diffRatio),
    numberOrNull(body.threshold),
    JSON.stringify(Array.isArray(body.regions) ? body.regions : []),
    stringOrNull(body.actualPath),
    stringOrNull(body.expectedPath),
    stringOrNull(body.diffPath),
    stringOrNull(body.annotatedPath),
  ];
}

/** Inserts comparisons; one already stored (a replay) is left as it is. Returns the rows inserted. */
export async function insertVisualComparisons(
  db: Queryable,
  records: readonly VisualComparisonRecord[],
): Promise<number> {
  const rows = records.map(visualComparisonRow).filter((row) => row !== undefined);
  let inserted = 0;
  for (const batch of chunks(rows, BATCH_SIZE)) {
    const result = await db.query(
      `INSERT INTO visual_comparisons (${COLUMNS.join(', ')})
       VALUES ${placeholders(batch.length, COLUMNS.length)}
       ON CONFLICT (id) DO NOTHING`,
      batch.flat(),
    );
    inserted += result.rowCount;
  }
  return inserted;
}
