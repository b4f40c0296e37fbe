/**
 * The sensor stream: a producer publishes known events, with duplicates and
 * malformed ones, to a JetStream stream of the test's own. The consumer is
 * killed after committing an event but before acking it, so JetStream
 * redelivers it. The aggregates must still count every event exactly once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { connect } from 'nats';

import { queryRows, tableRows, type Row } from '../../../framework/data/index.ts';
import { BACKENDS, createStorage, withData, type PipelineStorage } from './support/backends.ts';
import { expect, test } from './support/fixtures.ts';
import { PipelineService, runProducer } from './support/processes.ts';

const NATS_URL = process.env.NOVA_PIPELINE_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const EVENTS = 120;
const DUPLICATES = 10;
const MALFORMED = 2;
/** The consumer stops after committing its 40th message and is killed before the ack. */
const KILL_STEP = 40;

interface Published {
  subject: string;
  body: string;
}

/** Aggregates computed from what the producer sent: each event id once, per device and UTC minute. */
function expectedAggregates(published: Published[]): Row[] {
  const events = new Map<string, { device_id: string; ts: string; value: number }>();
  for (const { body } of published) {
    try {
      const event = JSON.parse(body) as {
        event_id: string;
        device_id: string;
        ts: string;
        value: number;
      };
      if (!Number.isNaN(Date.parse(event.ts))) events.set(event.event_id, event);
    } catch {
      // Malformed on purpose; the consumer quarantines it.
    }
  }
  const windows = new Map<
    string,
    Row & { event_count: number; value_sum: number; value_max: number }
  >();
  for (const event of events.values()) {
    const minute = new Date(Math.floor(Date.parse(event.ts) / 60_000) * 60_000).toISOString();
    const key = `${event.device_id}|${minute}`;
    const window = windows.get(key) ?? {
      device_id: event.device_id,
      window_start: minute,
      event_count: 0,
      value_sum: 0,
      value_max: -Infinity,
    };
    window.event_count += 1;
    window.value_sum += event.value;
    window.value_max = Math.max(window.value_max, event.value);
    windows.set(key, window);
  }
  return [...windows.values()].map((window) => ({
    ...window,
    value_mean: window.value_sum / window.event_count,
  }));
}

async function deleteStream(name: string): Promise<void> {
  const connection = await connect({ servers: NATS_URL });
  try {
    const manager = await connection.jetstreamManager();
    await manager.streams.delete(name).catch(() => false);
  } finally {
    await connection.close();
  }
}

for (const backend of BACKENDS) {
  test.describe(`sensor stream (${backend})`, () => {
    let storage: PipelineStorage;
    let folder: string;
    let stream: string;

    test.beforeEach(async ({ pgliteTemplate }) => {
      storage = await createStorage(backend, pgliteTemplate);
      folder = await mkdtemp(path.join(tmpdir(), 'nova-pipeline-stream-'));
      stream = `nova_pipeline_${backend}_${randomBytes(4).toString('hex')}`;
    });

    test.afterEach(async () => {
      await deleteStream(stream);
      await storage.dispose();
      await rm(folder, { recursive: true, force: true });
    });

    test(
      'redelivered events count once',
      { tag: ['@PIPELINE-030', '@PIPELINE-031', '@PIPELINE-032'] },
      async () => {
        const args = [
          '--schedule',
          'off',
          '--nats-url',
          NATS_URL,
          '--stream',
          stream,
          '--ack-wait-ms',
          '1000',
          '--inbox',
          path.join(folder, 'inbox'),
          '--archive',
          path.join(folder, 'archive'),
          ...storage.args,
        ];
        const first = await PipelineService.start(args, {
          ...storage.env,
          PIPELINE_PAUSE_AT: `sensor-stream:${KILL_STEP}`,
        });

        const eventsFile = path.join(folder, 'events.json');
        const producer = await runProducer([
          '--nats-url',
          NATS_URL,
          '--stream',
          stream,
          '--events',
          String(EVENTS),
          '--duplicates',
          String(DUPLICATES),
          '--malformed',
          String(MALFORMED),
          '--out',
          eventsFile,
        ]);
        expect(producer.code, producer.stderr).toBe(0);

        await first.waitFor(new RegExp(`paused sensor-stream step ${KILL_STEP} before-ack`));
        expect((await first.kill()).signal).toBe('SIGKILL');

        const second = await PipelineService.start(args, storage.env);
        let state:
          | {
              pending: number;
              ackPending: number;
              redelivered: number;
              processed: number;
              duplicates: number;
            }
          | undefined;
        try {
          await expect
            .poll(
              async () => {
                const jobs = await second.request<{
                  jobs: { name: string; stream?: typeof state }[];
                }>('GET', '/jobs');
                state = jobs.body.jobs.find((job) => job.name === 'sensor-stream')?.stream;
                return state !== undefined && state.pending === 0 && state.ackPending === 0;
              },
              { timeout: 60_000, message: 'the consumer acks every message' },
            )
            .toBe(true);
        } finally {
          expect((await second.stop()).code).toBe(0);
        }
        // The message that was committed but never acked came back, and was found stored already.
        expect(state!.redelivered).toBeGreaterThan(0);
        expect(state!.duplicates).toBeGreaterThanOrEqual(1);

        const published = JSON.parse(await readFile(eventsFile, 'utf8')) as Published[];
        expect(published).toHaveLength(EVENTS + DUPLICATES + MALFORMED);

        await withData(storage, async (db) => {
          const events = tableRows(db, 'sensor_events');
          await expect(events).toHaveRowCount(EVENTS);
          await expect(events).toHaveUniqueKey(['event_id']);
          await expect(events).toHaveNoNulls(['event_id', 'device_id', 'event_time', 'value']);
          await expect(events).toHaveValuesIn('device_id', [
            'device-1',
            'device-2',
            'device-3',
            'device-4',
          ]);

          const aggregates = queryRows(
            db,
            `SELECT device_id, to_char(window_start, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS window_start, event_count, value_sum, value_mean, value_max FROM sensor_minute_aggregates`,
            [],
            'table sensor_minute_aggregates',
          );
          await expect(aggregates).toEqualRows(expectedAggregates(published), {
            key: ['device_id', 'window_start'],
          });
          await expect(tableRows(db, 'sensor_minute_aggregates')).toHaveUniqueKey([
            'device_id',
            'window_start',
          ]);

          await expect(
            queryRows(
              db,
              `SELECT reason FROM quarantine WHERE source = 'stream'`,
              [],
              'stream quarantine',
            ),
          ).toEqualRows([
            { reason: 'body is not JSON' },
            { reason: 'ts "yesterday" is not an ISO 8601 time with a UTC offset' },
          ]);
        });
      },
    );
  });
}
