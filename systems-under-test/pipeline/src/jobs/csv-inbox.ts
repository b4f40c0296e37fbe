/**
 * The CSV inbox: chokidar watches a folder. Each new `.csv` file is read once
 * its size has stopped changing (awaitWriteFinish), then validated and cleaned.
 * Its good rows, its quarantined rows and its ledger entry (keyed by the
 * SHA-256 of the content) are written in one transaction, and then the file
 * moves to the archive. A file whose content was seen before is archived as a
 * duplicate and loads nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

import { watch, type FSWatcher } from 'chokidar';

import type { PipelineDatabase } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { PipelineMetrics } from '../status/metrics.ts';
import { parseCsv } from './csv-parse.ts';
import { finishRun, quarantine, startRun, addCounts } from './runs.ts';
import { toUtc } from './transform.ts';

export const CSV_JOB = 'csv-inbox';

export const CSV_COLUMNS = [
  'station_code',
  'observed_at',
  'temperature_c',
  'humidity_pct',
] as const;

export interface CsvInboxOptions {
  db: PipelineDatabase;
  inboxDir: string;
  archiveDir: string;
  /** Time a file's size must stay the same before it is read, in milliseconds. */
  stabilityMs: number;
  log: Logger;
  metrics: PipelineMetrics | undefined;
}

export interface CsvRow {
  line: number;
  stationCode: string;
  observedAt: string;
  temperatureC: number;
  humidityPct: number;
}

/** Cleans one record: trims fields, upper-cases the station, accepts a decimal comma; returns the row or the reason. */
export function cleanCsvRecord(header: string[], fields: string[], line: number): CsvRow | string {
  if (fields.length !== header.length)
    return `has ${fields.length} fields, the header has ${header.length}`;
  const value = (column: string) => (fields[header.indexOf(column)] ?? '').trim();

  const stationCode = value('station_code').toUpperCase();
  if (!/^[A-Z]{3}$/.test(stationCode))
    return `station_code ${JSON.stringify(value('station_code'))} is not a three-letter code`;
  const observedAt = toUtc(value('observed_at'));
  if (observedAt === undefined)
    return `observed_at ${JSON.stringify(value('observed_at'))} is not an ISO 8601 time with a UTC offset`;

  const number = (column: string) => {
    const text = value(column).replace(/^(-?\d+),(\d+)$/, '$1.$2');
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  };
  const temperatureC = number('temperature_c');
  if (temperatureC === undefined)
    return `temperature_c ${JSON.stringify(value('temperature_c'))} is not a number`;
  if (temperatureC < -90 || temperatureC > 60)
    return `temperature_c ${temperatureC} is outside -90..60 °C`;
  const humidityPct = number('humidity_pct');
  if (humidityPct === undefined)
    return `humidity_pct ${JSON.stringify(value('humidity_pct'))} is not a number`;
  if (humidityPct < 0 || humidityPct > 100) return `humidity_pct ${humidityPct} is outside 0..100`;

  return { line, stationCode, observedAt, temperatureC, humidityPct };
}

export class CsvInbox {
  readonly #options: CsvInboxOptions;
  #watcher: FSWatcher | undefined;
  #queue: Promise<void> = Promise.resolve();
  #ready = false;

  constructor(options: CsvInboxOptions) {
    this.#options = options;
  }

  get ready(): boolean {
    return this.#ready;
  }

  async start(): Promise<void> {
    const { inboxDir, archiveDir, stabilityMs } = this.#options;
    await mkdir(inboxDir, { recursive: true });
    await mkdir(archiveDir, { recursive: true });

    this.#watcher = watch(inboxDir, {
      depth: 0,
      // Files already in the inbox at start are processed too: they arrived while the service was down.
      ignoreInitial: false,
      // Half-written files are not read early: chokidar emits `add` only after the size held still this long.
      awaitWriteFinish: {
        stabilityThreshold: stabilityMs,
        pollInterval: Math.min(100, stabilityMs),
      },
      ignored: (file, stats) => stats?.isFile() === true && !file.toLowerCase().endsWith('.csv'),
    });
    this.#watcher.on('add', (file) => {
      this.#queue = this.#queue.then(() => this.#process(file));
    });
    this.#watcher.on('error', (error) =>
      this.#options.log.error('inbox watcher failed', { error }),
    );
    await new Promise<void>((resolve) => this.#watcher?.once('ready', () => resolve()));
    this.#ready = true;
  }

  async close(): Promise<void> {
    await this.#watcher?.close();
    await this.#queue;
  }

  async #process(file: string): Promise<void> {
    const { log, metrics } = this.#options;
    try {
      await this.#load(file);
    } catch (error) {
      // A file that cannot be processed stays where it is, with the reason in the log, so no data is lost.
      log.error('CSV file failed; it stays in the inbox', { file, error });
      metrics?.csvFiles.inc({ outcome: 'failed' });
    }
  }

  async #load(file: string): Promise<void> {
    const { db, log, metrics, archiveDir } = this.#options;
    const content = await readFile(file);
    const hash = createHash('sha256').update(content).digest('hex');
    const name = path.basename(file);

    const [seen] = await db.query<{ archived_as: string }>(
      'SELECT archived_as FROM csv_files WHERE content_hash = $1',
      [hash],
    );
    if (seen !== undefined) {
      const archived = path.join(archiveDir, seen.archived_as);
      if (!existsSync(archived)) {
        // Loaded before, but the process stopped before the move: finish the move only.
        await this.#move(file, archived);
        log.info('archived a file that was loaded before the last stop', { file: name, hash });
        return;
      }
      const duplicateName = `${hash.slice(0, 12)}-duplicate-${Date.now()}-${name}`;
      await db.query(
        'UPDATE csv_files SET duplicates_seen = duplicates_seen + 1 WHERE content_hash = $1',
        [hash],
      );
      await this.#move(file, path.join(archiveDir, 'duplicates', duplicateName));
      metrics?.csvFiles.inc({ outcome: 'duplicate' });
      log.info('CSV file has the content of a file loaded before; archived as a duplicate', {
        file: name,
        hash,
      });
      return;
    }

    const runId = await startRun(db, CSV_JOB, 'file');
    try {
      await this.#loadNew(file, content, hash, runId);
    } catch (error) {
      await finishRun(db, runId, 'failed', (error as Error).message);
      metrics?.runs.inc({ job: CSV_JOB, status: 'failed' });
      throw error;
    }
  }

  async #loadNew(file: string, content: Buffer, hash: string, runId: string): Promise<void> {
    const { db, log, metrics, archiveDir } = this.#options;
    const name = path.basename(file);
    const records = parseCsv(content.toString('utf8'));
    const header = (records.shift()?.fields ?? []).map((column) => column.trim().toLowerCase());
    const missing = CSV_COLUMNS.filter((column) => !header.includes(column));
    const archivedAs = `${hash.slice(0, 12)}-${name}`;

    const rows: CsvRow[] = [];
    const rejected: { line: number; reason: string; raw: string }[] = [];
    if (missing.length > 0) {
      rejected.push({
        line: 1,
        reason: `header lacks the column(s) ${missing.join(', ')}; expected ${CSV_COLUMNS.join(',')}`,
        raw: header.join(','),
      });
    } else {
      for (const record of records) {
        const cleaned = record.error ?? cleanCsvRecord(header, record.fields, record.line);
        if (typeof cleaned === 'string')
          rejected.push({ line: record.line, reason: cleaned, raw: record.fields.join(',') });
        else rows.push(cleaned);
      }
    }

    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO csv_files (content_hash, file_name, rows_loaded, rows_quarantined, processed_at, archived_as)
         VALUES ($1, $2, $3, $4, now(), $5)`,
        [hash, name, rows.length, rejected.length, archivedAs],
      );
      for (const row of rows) {
        await tx.query(
          `INSERT INTO csv_readings (content_hash, line_no, station_code, observed_at, temperature_c, humidity_pct)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [hash, row.line, row.stationCode, row.observedAt, row.temperatureC, row.humidityPct],
        );
      }
      for (const entry of rejected) {
        await quarantine(tx, {
          source: 'csv',
          sourceRef: `${name}:${entry.line}:${hash.slice(0, 12)}`,
          reason: `line ${entry.line}: ${entry.reason}`,
          raw: entry.raw,
          runId,
        });
      }
      await addCounts(tx, runId, {
        rowsRead: rows.length + rejected.length,
        rowsWritten: rows.length,
        rowsQuarantined: rejected.length,
      });
    });
    await finishRun(db, runId, 'succeeded', null);
    await this.#move(file, path.join(archiveDir, archivedAs));

    metrics?.csvFiles.inc({ outcome: 'loaded' });
    metrics?.rowsWritten.inc({ job: CSV_JOB }, rows.length);
    metrics?.rowsQuarantined.inc({ job: CSV_JOB }, rejected.length);
    metrics?.runs.inc({ job: CSV_JOB, status: 'succeeded' });
    log.info('CSV file loaded', {
      file: name,
      hash,
      rows: rows.length,
      quarantined: rejected.length,
    });
  }

  async #move(from: string, to: string): Promise<void> {
    await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
  }
}
