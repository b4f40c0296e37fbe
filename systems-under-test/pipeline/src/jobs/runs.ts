import { randomUUID } from 'node:crypto';

import type { Sql } from '../db/database.ts';

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';
export type RunTrigger = 'schedule' | 'manual' | 'cli' | 'file';

export interface RunCounts {
  rowsRead: number;
  rowsWritten: number;
  rowsQuarantined: number;
}

export interface RunRecord extends RunCounts {
  runId: string;
  job: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export const RUN_COLUMNS = `run_id AS "runId", job, trigger, status,
  to_char(started_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
  to_char(finished_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt",
  rows_read AS "rowsRead", rows_written AS "rowsWritten", rows_quarantined AS "rowsQuarantined", error`;

/**
 * Marks the job's runs that are still `running` as interrupted. Callers hold
 * the job's lock, so such a run belongs to a process that died mid-load.
 */
export async function markInterrupted(db: Sql, job: string): Promise<number> {
  const rows = await db.query(
    `UPDATE pipeline_runs SET status = 'interrupted', finished_at = now(),
       error = 'The process running it stopped before it finished.'
     WHERE job = $1 AND status = 'running' RETURNING run_id`,
    [job],
  );
  return rows.length;
}

export async function startRun(db: Sql, job: string, trigger: RunTrigger): Promise<string> {
  const runId = randomUUID();
  await db.query(
    `INSERT INTO pipeline_runs (run_id, job, trigger, status, started_at) VALUES ($1, $2, $3, 'running', now())`,
    [runId, job, trigger],
  );
  return runId;
}

/** Adds a batch's counts to its run; called inside the batch's transaction. */
export async function addCounts(db: Sql, runId: string, counts: RunCounts): Promise<void> {
  await db.query(
    `UPDATE pipeline_runs SET rows_read = rows_read + $2, rows_written = rows_written + $3,
       rows_quarantined = rows_quarantined + $4 WHERE run_id = $1`,
    [runId, counts.rowsRead, counts.rowsWritten, counts.rowsQuarantined],
  );
}

export async function finishRun(
  db: Sql,
  runId: string,
  status: RunStatus,
  error: string | null,
): Promise<RunRecord> {
  const [run] = await db.query<RunRecord>(
    `UPDATE pipeline_runs SET status = $2, finished_at = now(), error = $3 WHERE run_id = $1 RETURNING ${RUN_COLUMNS}`,
    [runId, status, error],
  );
  if (run === undefined)
    throw new Error(`Run ${runId} vanished from pipeline_runs before it finished.`);
  return run;
}

/** Inserts a quarantined record once: a re-run that meets the same record again adds nothing. */
export async function quarantine(
  db: Sql,
  entry: { source: string; sourceRef: string; reason: string; raw: string; runId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO quarantine (source, source_ref, reason, raw, run_id, quarantined_at)
     VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (source, source_ref) DO NOTHING`,
    [entry.source, entry.sourceRef, entry.reason, entry.raw, entry.runId],
  );
}
