/**
 * Simulates sensor devices: publishes readings to JetStream subjects
 * `<stream>.events.<device>`, with some events published twice (as
 * at-least-once producers do) and some malformed ones.
 *
 *   npm run pipeline:produce -- --stream nova_pipeline_x [--nats-url URL] [--devices 4]
 *     [--events 120] [--duplicates 10] [--malformed 2] [--seed 7] [--start ISO] [--out FILE]
 *
 * --out writes every message sent, in order, as JSON, for checking the result.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { connect } from 'nats';

import { UsageError, integerOption } from '../options.ts';
import { mulberry32 } from '../source/prng.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'nats-url': {
        type: 'string',
        default: process.env.PIPELINE_NATS_URL ?? 'nats://127.0.0.1:4222',
      },
      stream: { type: 'string' },
      devices: { type: 'string', default: '4' },
      events: { type: 'string', default: '120' },
      duplicates: { type: 'string', default: '10' },
      malformed: { type: 'string', default: '2' },
      seed: { type: 'string', default: '7' },
      start: { type: 'string', default: '2026-12-01T10:00:00Z' },
      out: { type: 'string' },
    },
  });
  if (values.stream === undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(values.stream)) {
    throw new UsageError(
      `--stream must name the JetStream stream (letters, digits, _ or -), received ${JSON.stringify(values.stream ?? null)}.`,
    );
  }
  const start = Date.parse(values.start);
  if (Number.isNaN(start))
    throw new UsageError(`--start must be an ISO 8601 time, received "${values.start}".`);
  const devices = integerOption('--devices', values.devices, 1, 1000);
  const events = integerOption('--events', values.events, 0, 1_000_000);
  const duplicates = integerOption('--duplicates', values.duplicates, 0, events);
  const malformed = integerOption('--malformed', values.malformed, 0, 1000);
  const random = mulberry32(integerOption('--seed', values.seed, 0, 2 ** 31));

  const messages: { subject: string; body: string }[] = [];
  for (let index = 0; index < events; index++) {
    const device = `device-${(index % devices) + 1}`;
    const body = JSON.stringify({
      event_id: `evt-${values.seed}-${String(index).padStart(6, '0')}`,
      device_id: device,
      // Spread over about three minutes, so each device has several windows.
      ts: new Date(start + Math.floor(random() * 180_000)).toISOString(),
      // Multiples of 0.25 add up exactly in binary floating point, whatever the order.
      value: Math.round(random() * 400) / 4,
    });
    messages.push({ subject: `${values.stream}.events.${device}`, body });
  }
  for (let index = 0; index < duplicates; index++) {
    messages.push(messages[Math.floor(random() * events)]!);
  }
  for (let index = 0; index < malformed; index++) {
    messages.push({
      subject: `${values.stream}.events.device-1`,
      body:
        index % 2 === 0
          ? '{"event_id": "broken'
          : JSON.stringify({
              event_id: `bad-${index}`,
              device_id: 'device-1',
              ts: 'yesterday',
              value: 1,
            }),
    });
  }

  const connection = await connect({ servers: values['nats-url'] });
  const jetstream = connection.jetstream();
  for (const message of messages) await jetstream.publish(message.subject, message.body);
  await connection.drain();

  if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(messages, null, 1));
  process.stdout.write(`published ${messages.length} messages to ${values.stream}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`Error: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
