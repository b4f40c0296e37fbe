/**
 * Loads spool files into the results store. Each file is written in the
 * order the foreign keys need (runs, shards, tests, then attempts), and
 * attempt ids are deterministic, so replaying a file twice adds nothing.
 */
import { access, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

import type {
  AttemptRecord,
  ResultsStore,
  RunRecord,
  ShardRecord,
  TestRecord,
} from '../results/index.ts';
import { SPOOL_FILE_EXTENSION, type SpoolEntry } from './spool.ts';
import { parseSpoolLine } from './spool-parser.ts';

/** The store methods that replay calls. */
export type ReplayStore = Pick<
  ResultsStore,
  'upsertRun' | 'upsertShard' | 'upsertTests' | 'insertAttempts'
>;

export const REPLAYED_FOLDER = 'replayed';

/** Attempts per `insertAttempts` call. */
const DEFAULT_REPLAY_BATCH_SIZE = 500;

export interface ReplaySpoolOptions {
  spoolDir: string;
  store: ReplayStore;
  /** Attempts per insert; default 500. */
  batchSize?: number;
  /** Action on a file once every record of it is written: move it to `<spoolDir>/replayed/` (the default) or delete it. */
  afterReplay?: 'move' | 'delete';
}

/** A line that could not be replayed. Its file stays in the spool folder. */
export interface ReplayProblem {
  file: string;
  /** One-based line number. */
  line: number;
  message: string;
}

export interface ReplayResult {
  /** Spool files read. */
  files: number;
  /** Distinct runs written. */
  runs: number;
  /** Distinct attempts read from the files and sent to the store. */
  attempts: number;
  /** Attempts that were new to the store. */
  inserted: number;
  /** Attempts that the store already had. */
  duplicates: number;
  /** Files left in place because a line of them is malformed. */
  keptFiles: string[];
  problems: ReplayProblem[];
}

export class ReplayError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReplayError';
  }
}

/** The records of one file, grouped in the order they are written. */
interface FileRecords {
  runs: RunRecord[];
  shards: ShardRecord[];
  tests: Map<string, TestRecord>;
  attempts: Map<string, AttemptRecord>;
}

/** Reads one spool file; each malformed line becomes a problem and the rest is kept. */
async function readSpoolFile(
  path: string,
): Promise<{ records: FileRecords; problems: ReplayProblem[] }> {
  const text = await readFile(path, 'utf8');
  const records: FileRecords = { runs: [], shards: [], tests: new Map(), attempts: new Map() };
  const problems: ReplayProblem[] = [];

  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;

    let entry: SpoolEntry;
    try {
      entry = parseSpoolLine(line);
    } catch (error) {
      problems.push({ file: path, line: index + 1, message: (error as Error).message });
      continue;
    }

    switch (entry.kind) {
      case 'run':
        records.runs.push(entry.record);
        break;
      case 'shard':
        records.shards.push(entry.record);
        break;
      // A record listed twice (the reporter may spool a batch that was in
      // flight) keeps its last copy.
      case 'tests':
        for (const test of entry.records) records.tests.set(test.id, test);
        break;
      case 'attempts':
        for (const attempt of entry.records) records.attempts.set(attempt.id, attempt);
        break;
    }
  }
  return { records, problems };
}

/** Writes the records of one file; shards in file order, so the end of a shard comes after its start. */
async function writeFileRecords(
  records: FileRecords,
  store: ReplayStore,
  batchSize: number,
): Promise<number> {
  for (const run of records.runs) await store.upsertRun(run);
  for (const shard of records.shards) await store.upsertShard(shard);
  if (records.tests.size > 0) await store.upsertTests([...records.tests.values()]);

  const attempts = [...records.attempts.values()];
  let inserted = 0;
  for (let start = 0; start < attempts.length; start += batchSize) {
    inserted += await store.insertAttempts(attempts.slice(start, start + batchSize));
  }
  return inserted;
}

async function moveToReplayed(path: string, spoolDir: string): Promise<void> {
  const folder = join(spoolDir, REPLAYED_FOLDER);
  await mkdir(folder, { recursive: true });
  let target = join(folder, basename(path));
  // A file of the same name was replayed before, for example after a failed replay was retried.
  const nameInUse = await access(target).then(
    () => true,
    () => false,
  );
  if (nameInUse) target = join(folder, `${Date.now()}-${basename(path)}`);
  await rename(path, target);
}

/**
 * Replays every `.ndjson` file directly in `spoolDir` into `store`. A file is
 * moved or deleted only after all its records were written. A file with a
 * malformed line is kept, but its valid records are written all the same.
 * A missing spool folder replays nothing.
 *
 * @throws ReplayError when the store fails; files replayed before it stay replayed
 */
export async function replaySpool(options: ReplaySpoolOptions): Promise<ReplayResult> {
  const { spoolDir, store } = options;
  const batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH_SIZE;
  const result: ReplayResult = {
    files: 0,
    runs: 0,
    attempts: 0,
    inserted: 0,
    duplicates: 0,
    keptFiles: [],
    problems: [],
  };

  let names: string[];
  try {
    names = await readdir(spoolDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }

  const runIds = new Set<string>();
  const files = names.filter((name) => name.endsWith(SPOOL_FILE_EXTENSION)).sort();
  for (const name of files) {
    const path = join(spoolDir, name);
    const { records, problems } = await readSpoolFile(path);
    result.files += 1;

    let inserted: number;
    try {
      inserted = await writeFileRecords(records, store, batchSize);
    } catch (error) {
      throw new ReplayError(
        `Failed to replay ${path}: ${(error as Error).message}. The file was kept; ` +
          'fix the cause and run the replay again, which skips records already written.',
        { cause: error },
      );
    }

    for (const run of records.runs) runIds.add(run.id);
    result.attempts += records.attempts.size;
    result.inserted += inserted;
    result.duplicates += records.attempts.size - inserted;

    if (problems.length > 0) {
      result.problems.push(...problems);
      result.keptFiles.push(path);
    } else if (options.afterReplay === 'delete') {
      await rm(path);
    } else {
      await moveToReplayed(path, spoolDir);
    }
  }

  result.runs = runIds.size;
  return result;
}
