/**
 * The spool: NDJSON files of records that the results reporter could not
 * write to the database. Each line is one JSON object with a `kind`; `tests`
 * and `attempts` lines carry a batch. `replaySpool` loads the files later.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { AttemptRecord, RunRecord, ShardRecord, TestRecord } from '../results/index.ts';

export type SpoolEntry =
  | { kind: 'run'; record: RunRecord }
  | { kind: 'shard'; record: ShardRecord }
  | { kind: 'tests'; records: TestRecord[] }
  | { kind: 'attempts'; records: AttemptRecord[] };

export const SPOOL_FILE_EXTENSION = '.ndjson';

/** Keeps a run id safe in a file name: `NOVA_RUN_ID` may contain `:`. */
function toFileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** `<runId>-<shard>-<pid>.ndjson`: one file per process, so concurrent shards never share a file. */
export function spoolFileName(runId: string, shardIndex: number, pid: number): string {
  return `${toFileNamePart(runId)}-${shardIndex}-${pid}${SPOOL_FILE_EXTENSION}`;
}

/** Number of records in an entry: 1 for a run or shard, the batch size otherwise. */
export function countRecords(entry: SpoolEntry): number {
  return entry.kind === 'run' || entry.kind === 'shard' ? 1 : entry.records.length;
}

function toLines(entries: readonly SpoolEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/**
 * One spool file, created on the first append. Appends are whole lines, so a
 * crash can cut at most the last line, which replay reports as malformed.
 */
export class SpoolFile {
  readonly path: string;
  #records = 0;
  #attempts = 0;

  constructor(spoolDir: string, fileName: string) {
    this.path = join(spoolDir, fileName);
  }

  /** Records appended so far. */
  get records(): number {
    return this.#records;
  }

  /** Attempt records appended so far. */
  get attempts(): number {
    return this.#attempts;
  }

  async append(entries: readonly SpoolEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, toLines(entries), 'utf8');
    this.#count(entries);
  }

  /** Appends synchronously, for the end of the run, when the event loop may not run again. */
  appendSync(entries: readonly SpoolEntry[]): void {
    if (entries.length === 0) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, toLines(entries), 'utf8');
    this.#count(entries);
  }

  #count(entries: readonly SpoolEntry[]): void {
    for (const entry of entries) {
      this.#records += countRecords(entry);
      if (entry.kind === 'attempts') this.#attempts += entry.records.length;
    }
  }
}
