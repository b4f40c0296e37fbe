/**
 * The stream job: a durable JetStream consumer of sensor events. Each event
 * is stored once by its event id and added to its device's one-minute window
 * (count, sum, mean, max) in the same transaction. The message is acked only
 * after the commit. Delivery is at least once, so a duplicate or redelivered
 * event finds its id stored and changes nothing.
 */
import {
  AckPolicy,
  DeliverPolicy,
  connect,
  nanos,
  type ConsumerMessages,
  type JsMsg,
  type NatsConnection,
} from 'nats';

import { faults } from '../faults.ts';
import type { PipelineDatabase, Sql } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { PipelineMetrics } from '../status/metrics.ts';
import { quarantine } from './runs.ts';
import { createStepper, type Step } from './steps.ts';

export const STREAM_JOB = 'sensor-stream';

export interface SensorStreamOptions {
  db: PipelineDatabase;
  natsUrl: string;
  /** JetStream stream name; it captures the subjects `<stream>.>`. */
  stream: string;
  durable: string;
  /** Time JetStream waits for an ack before it redelivers a message. */
  ackWaitMs: number;
  log: Logger;
  metrics: PipelineMetrics | undefined;
}

export interface SensorEvent {
  eventId: string;
  deviceId: string;
  /** UTC instant, ISO 8601. */
  eventTime: string;
  value: number;
}

export interface StreamState {
  stream: string;
  connected: boolean;
  pending: number;
  ackPending: number;
  redelivered: number;
  processed: number;
  duplicates: number;
  quarantined: number;
}

/** Validates one message body; returns the event or the reason it is not one. */
export function parseSensorEvent(data: Uint8Array): SensorEvent | string {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
  } catch {
    return 'body is not JSON';
  }
  if (typeof body !== 'object' || body === null) return 'body is not a JSON object';
  const { event_id: eventId, device_id: deviceId, ts, value } = body;
  if (typeof eventId !== 'string' || eventId === '') return 'event_id is missing';
  if (typeof deviceId !== 'string' || !/^[a-z0-9-]{1,64}$/.test(deviceId))
    return `device_id ${JSON.stringify(deviceId)} is not a device id`;
  if (typeof ts !== 'string' || !/Z$|[+-]\d{2}:\d{2}$/.test(ts) || Number.isNaN(Date.parse(ts)))
    return `ts ${JSON.stringify(ts)} is not an ISO 8601 time with a UTC offset`;
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `value ${JSON.stringify(value)} is not a finite number`;
  return { eventId, deviceId, eventTime: new Date(ts).toISOString(), value };
}

/** Stores the event and adds it to its window; returns false when its id was stored before. */
export async function applyEvent(tx: Sql, event: SensorEvent): Promise<boolean> {
  const conflict = faults.on('pipeline.double-count')
    ? // Seeded fault pipeline.double-count: the id check is gone, so every delivery counts.
      'ON CONFLICT (event_id) DO UPDATE SET received_at = EXCLUDED.received_at'
    : 'ON CONFLICT (event_id) DO NOTHING';
  const inserted = await tx.query(
    `INSERT INTO sensor_events (event_id, device_id, event_time, value, received_at)
     VALUES ($1, $2, $3, $4, now()) ${conflict} RETURNING event_id`,
    [event.eventId, event.deviceId, event.eventTime, event.value],
  );
  if (inserted.length === 0) return false;

  await tx.query(
    `INSERT INTO sensor_minute_aggregates AS a (device_id, window_start, event_count, value_sum, value_mean, value_max)
     VALUES ($1, date_trunc('minute', $2::timestamptz), 1, $3, $3, $3)
     ON CONFLICT (device_id, window_start) DO UPDATE SET
       event_count = a.event_count + 1,
       value_sum = a.value_sum + EXCLUDED.value_sum,
       value_mean = (a.value_sum + EXCLUDED.value_sum) / (a.event_count + 1),
       value_max = GREATEST(a.value_max, EXCLUDED.value_max)`,
    [event.deviceId, event.eventTime, event.value],
  );
  return true;
}

export class SensorStream {
  readonly #options: SensorStreamOptions;
  readonly #step: Step = createStepper(STREAM_JOB);
  #connection: NatsConnection | undefined;
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> | undefined;
  #counts = { processed: 0, duplicates: 0, quarantined: 0, redelivered: 0 };
  lastEventAt: string | null = null;

  constructor(options: SensorStreamOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    const { natsUrl, stream, durable, ackWaitMs, log } = this.#options;
    this.#connection = await connect({ servers: natsUrl, name: `pipeline-${durable}` });
    const manager = await this.#connection.jetstreamManager();

    try {
      await manager.streams.info(stream);
    } catch {
      await manager.streams.add({ name: stream, subjects: [`${stream}.>`] });
      log.info('created the JetStream stream', { stream });
    }
    await manager.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(ackWaitMs),
    });

    const consumer = await this.#connection.jetstream().consumers.get(stream, durable);
    this.#messages = await consumer.consume({ max_messages: 50 });
    this.#loop = this.#consume(this.#messages);
    log.info('consuming sensor events', { stream, durable });
  }

  async #consume(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      try {
        await this.#handle(message);
      } catch (error) {
        // Not acked: JetStream redelivers it after ack_wait, so a database hiccup loses nothing.
        this.#options.log.error('sensor event failed; it will be redelivered', {
          seq: message.seq,
          error,
        });
        message.nak(1000);
      }
    }
  }

  async #handle(message: JsMsg): Promise<void> {
    const { db, metrics } = this.#options;
    if (message.redelivered) this.#counts.redelivered += 1;

    const event = parseSensorEvent(message.data);
    if (typeof event === 'string') {
      await quarantine(db, {
        source: 'stream',
        sourceRef: `${this.#options.stream}:${message.seq}`,
        reason: event,
        raw: new TextDecoder().decode(message.data).slice(0, 2000),
        runId: null,
      });
      this.#counts.quarantined += 1;
      metrics?.streamEvents.inc({ outcome: 'quarantined' });
      this.#step('before-ack');
      message.ack();
      return;
    }

    const applied = await db.transaction((tx) => applyEvent(tx, event));
    this.#counts[applied ? 'processed' : 'duplicates'] += 1;
    metrics?.streamEvents.inc({ outcome: applied ? 'processed' : 'duplicate' });
    this.lastEventAt = new Date().toISOString();
    this.#step('before-ack');
    message.ack();
  }

  async state(): Promise<StreamState> {
    const base = {
      stream: this.#options.stream,
      connected: this.#connection !== undefined && !this.#connection.isClosed(),
      ...this.#counts,
    };
    if (this.#connection === undefined || this.#connection.isClosed())
      return { ...base, pending: -1, ackPending: -1 };
    const manager = await this.#connection.jetstreamManager();
    const info = await manager.consumers.info(this.#options.stream, this.#options.durable);
    return { ...base, pending: info.num_pending, ackPending: info.num_ack_pending };
  }

  async close(): Promise<void> {
    await this.#messages?.close();
    await this.#loop;
    await this.#connection?.drain();
  }
}
