/**
 * The `nova-load` attachment on its way to load_summaries: mapping, the
 * collector that the results reporter uses, and the history query, on PGlite.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  LOAD_ATTACHMENT_CONTENT_TYPE,
  LOAD_ATTACHMENT_NAME,
  LoadSummaryCollector,
  loadSummaryRecord,
} from '../../framework/reporting/index.ts';
import { openResultsStore, type ResultsStore } from '../../framework/results/index.ts';
import { summaryOf } from '../load/summary-fixture.ts';

let folder: string;
let store: ResultsStore;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nova-load-store-'));
  store = await openResultsStore({ dataDir: join(folder, 'db'), env: {} });
  // Opening PGlite compiles its WebAssembly build of PostgreSQL, which takes seconds on a busy machine.
}, 60_000);

afterAll(async () => {
  await store.close();
  await rm(folder, { recursive: true, force: true });
});

describe('load summary record', () => {
  it('keeps the figures, thresholds by expression and the histogram', () => {
    const summary = summaryOf([300, 500, 900]);
    const record = loadSummaryRecord(JSON.parse(JSON.stringify(summary)), {
      id: 'l1',
      testId: 't1',
      attemptId: 'a1',
    });

    expect(record).toMatchObject({
      id: 'l1',
      testId: 't1',
      attemptId: 'a1',
      scenario: 'iris/mixed',
      machine: 'ci-1',
      profile: 'full',
      requests: 3,
      latencyUs: summary.latencyUs,
      histogram: summary.histogram,
      thresholds: {
        'http_req_duration p(95)<1': {
          pass: true,
          limit: 1,
          metric: 'http_req_duration',
          unit: 'ms',
        },
      },
    });
    expect(record.tags).toEqual({
      'name:predict': { requests: 3, errors: 0, latencyUs: summary.latencyUs },
    });
  });

  it('rejects a body that is no load summary', () => {
    expect(() => loadSummaryRecord({ scenario: 'x' }, { id: 'l' })).toThrow(
      'Invalid load summary: "system" must be a string, received undefined.',
    );
  });
});

describe('load summaries in the store', () => {
  it('stores the attachments of a run once, and reads history by machine and profile', async () => {
    const collector = new LoadSummaryCollector(() => undefined);
    const onDisk = join(folder, 'summary.json');
    await writeFile(
      onDisk,
      JSON.stringify(summaryOf([2_000, 2_000], { startedAt: '2026-12-04T10:02:00.000Z', rps: 90 })),
    );
    collector.collect(
      [
        {
          name: LOAD_ATTACHMENT_NAME,
          contentType: LOAD_ATTACHMENT_CONTENT_TYPE,
          body: Buffer.from(JSON.stringify(summaryOf([1_000], { rps: 100 }))),
        },
        { name: LOAD_ATTACHMENT_NAME, contentType: LOAD_ATTACHMENT_CONTENT_TYPE, path: onDisk },
        { name: 'screenshot', contentType: 'image/png', body: Buffer.from('png') },
        {
          name: LOAD_ATTACHMENT_NAME,
          contentType: LOAD_ATTACHMENT_CONTENT_TYPE,
          body: Buffer.from('{ not json'),
        },
        {
          name: LOAD_ATTACHMENT_NAME,
          contentType: LOAD_ATTACHMENT_CONTENT_TYPE,
          body: Buffer.from(JSON.stringify(summaryOf([5], { machine: 'other', profile: 'smoke' }))),
        },
      ],
      { runId: 'run-that-was-spooled', testId: 't1', attemptId: 'attempt-1' },
    );
    const openStore = () =>
      Promise.resolve({
        insertLoadSummaries: (records: Parameters<ResultsStore['insertLoadSummaries']>[0]) =>
          store.insertLoadSummaries(records),
        close: () => Promise.resolve(),
      });

    const written = await collector.write(openStore, false);
    const writtenAgain = await collector.write(openStore, false);

    expect(collector.size).toBe(4);
    expect(written).toBe(3);
    expect(writtenAgain).toBe(0);

    const history = await store.loadHistory({
      system: 'iris',
      scenario: 'iris/mixed',
      machine: 'ci-1',
      profile: 'full',
      limit: 5,
    });
    expect(history.map((entry) => [entry.rps, entry.p95Us, entry.requests])).toEqual([
      [90, 2_000, 2],
      [100, 1_000, 1],
    ]);
    const smoke = await store.loadHistory({
      system: 'iris',
      scenario: 'iris/mixed',
      machine: 'other',
      profile: 'smoke',
      limit: 5,
    });
    expect(smoke).toHaveLength(1);
    const none = await store.loadHistory({
      system: 'iris',
      scenario: 'iris/mixed',
      machine: 'ci-1',
      profile: 'smoke',
      limit: 5,
    });
    expect(none).toEqual([]);
  });

  it('leaves unreliable runs out of the history', async () => {
    await store.insertLoadSummaries([
      loadSummaryRecord(summaryOf([100], { machine: 'busy', reliable: false }), {
        id: 'unreliable-1',
      }),
      loadSummaryRecord(summaryOf([100], { machine: 'busy' }), { id: 'reliable-1' }),
    ]);

    const history = await store.loadHistory({
      system: 'iris',
      scenario: 'iris/mixed',
      machine: 'busy',
      profile: 'full',
      limit: 5,
    });

    expect(history.map((entry) => entry.id)).toEqual(['reliable-1']);
  });
});
