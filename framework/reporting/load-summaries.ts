/**
 * Carries the `nova-load` attachments of a Playwright run into the results
 * store's load_summaries table. The results reporter collects them as tests
 * end and writes them after its own writer has closed the store, because
 * PGlite admits one opener at a time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { LoadSummaryRecord, ResultsStore } from '../results/index.ts';

export const LOAD_ATTACHMENT_NAME = 'nova-load';
export const LOAD_ATTACHMENT_CONTENT_TYPE = 'application/vnd.nova.load+json';

/** Where a summary came from: a test attempt of a run, or `nova load` (no run). */
export interface LoadSummaryOrigin {
  id: string;
  runId?: string;
  testId?: string;
  attemptId?: string;
}

export class LoadSummaryFormatError extends Error {
  override readonly name = 'LoadSummaryFormatError';
}

function requireField(
  summary: Record<string, unknown>,
  field: string,
  type: 'string' | 'number' | 'object' | 'boolean',
): void {
  const value = summary[field];
  if (typeof value !== type || value === null) {
    throw new LoadSummaryFormatError(
      `Invalid load summary: "${field}" must be a ${type}, received ${JSON.stringify(value)?.slice(0, 80)}.`,
    );
  }
}

/** Maps the JSON of a load summary (the `nova-load` attachment body or summary.json) to its store record. */
export function loadSummaryRecord(json: unknown, origin: LoadSummaryOrigin): LoadSummaryRecord {
  if (typeof json !== 'object' || json === null) {
    throw new LoadSummaryFormatError('Invalid load summary: expected a JSON object.');
  }
  const summary = json as Record<string, unknown>;
  for (const field of ['scenario', 'system', 'executor', 'startedAt', 'histogram', 'machine'])
    requireField(summary, field, 'string');
  for (const field of ['durationMs', 'requests', 'errors', 'rps'])
    requireField(summary, field, 'number');
  for (const field of ['latencyUs', 'checks', 'generator']) requireField(summary, field, 'object');
  requireField(summary, 'reliable', 'boolean');
  if (!Array.isArray(summary.thresholds)) {
    throw new LoadSummaryFormatError('Invalid load summary: "thresholds" must be an array.');
  }

  const latency = summary.latencyUs as LoadSummaryRecord['latencyUs'];
  const thresholds: LoadSummaryRecord['thresholds'] = {};
  for (const threshold of summary.thresholds as Array<Record<string, unknown>>) {
    const metric = String(threshold.metric);
    const tag = typeof threshold.tag === 'string' ? threshold.tag : undefined;
    const key = `${tag ? `${metric}{${tag}}` : metric} ${String(threshold.expression)}`;
    thresholds[key] = {
      pass: threshold.pass === true,
      actual: Number(threshold.actual),
      limit: Number(threshold.limit),
      metric,
      ...(tag ? { tag } : {}),
      unit: typeof threshold.unit === 'string' ? threshold.unit : '',
    };
  }

  return {
    id: origin.id,
    ...(origin.runId ? { runId: origin.runId } : {}),
    ...(origin.testId ? { testId: origin.testId } : {}),
    ...(origin.attemptId ? { attemptId: origin.attemptId } : {}),
    scenario: summary.scenario as string,
    system: summary.system as string,
    executor: summary.executor as string,
    machine: summary.machine as string,
    profile: summary.profile === 'smoke' ? 'smoke' : 'full',
    startedAt: new Date(summary.startedAt as string),
    durationMs: summary.durationMs as number,
    requests: summary.requests as number,
    errors: summary.errors as number,
    rps: summary.rps as number,
    throughputBytesPerSecond: Number(summary.throughputBytesPerSecond ?? 0),
    latencyUs: latency,
    thresholds,
    checks: summary.checks as LoadSummaryRecord['checks'],
    statusCodes: (summary.statusCodes ?? {}) as Record<string, number>,
    errorsByKind: (summary.errorsByKind ?? {}) as Record<string, number>,
    // Per-tag figures without their histograms, which would make the row large for little use.
    tags: Object.fromEntries(
      Object.entries((summary.tags ?? {}) as Record<string, Record<string, unknown>>).map(
        ([tag, figures]) => [
          tag,
          { requests: figures.requests, errors: figures.errors, latencyUs: figures.latencyUs },
        ],
      ),
    ),
    droppedIterations: Number(summary.droppedIterations ?? 0),
    generatorCpuPercent: Number((summary.generator as { cpuPercent?: unknown }).cpuPercent ?? 0),
    reliable: summary.reliable as boolean,
    generators: Number(summary.generators ?? 1),
    histogram: summary.histogram as string,
  };
}

interface AttachmentLike {
  name: string;
  contentType: string;
  body?: Buffer;
  path?: string;
}

/** Collects the load summaries of a run's attempts, to write them once the run has ended. */
export class LoadSummaryCollector {
  readonly #pending: Array<Promise<LoadSummaryRecord | undefined>> = [];
  readonly #log: (formatter: string, ...args: unknown[]) => void;

  constructor(log: (formatter: string, ...args: unknown[]) => void) {
    this.#log = log;
  }

  /** Queues the `nova-load` attachments of one attempt; the others are ignored. */
  collect(
    attachments: readonly AttachmentLike[],
    origin: Omit<LoadSummaryOrigin, 'id'> & { attemptId: string },
  ): void {
    attachments.forEach((attachment, index) => {
      if (
        attachment.name !== LOAD_ATTACHMENT_NAME ||
        attachment.contentType !== LOAD_ATTACHMENT_CONTENT_TYPE
      )
        return;
      const id = createHash('sha256')
        .update(`${origin.attemptId}\u001f${index}`)
        .digest('hex')
        .slice(0, 32);
      this.#pending.push(
        readBody(attachment)
          .then(
            (body) => loadSummaryRecord(JSON.parse(body) as unknown, { ...origin, id }),
            (error: unknown) => {
              this.#log('skipping a nova-load attachment: %s', String(error));
              return undefined;
            },
          )
          .catch((error: unknown) => {
            this.#log('skipping an invalid nova-load attachment: %s', String(error));
            return undefined;
          }),
      );
    });
  }

  get size(): number {
    return this.#pending.length;
  }

  /**
   * Writes the collected summaries with a store that `openStore` opens and
   * this call closes. `runStored` false leaves the run id out, because a run
   * that only reached the spool has no row to refer to. Returns the number written.
   */
  async write(
    openStore: () => Promise<Pick<ResultsStore, 'insertLoadSummaries' | 'close'>>,
    runStored: boolean,
  ): Promise<number> {
    const records = (await Promise.all(this.#pending)).filter((record) => record !== undefined);
    if (records.length === 0) return 0;
    const store = await openStore();
    try {
      return await store.insertLoadSummaries(
        runStored ? records : records.map(({ runId: _runId, ...record }) => record),
      );
    } finally {
      await store.close();
    }
  }
}

async function readBody(attachment: AttachmentLike): Promise<string> {
  if (attachment.body) return attachment.body.toString('utf8');
  if (attachment.path) return readFile(attachment.path, 'utf8');
  throw new Error('the attachment has neither a body nor a path');
}
