import type { FastifyInstance } from 'fastify';

import { SENSORS, type Sensor } from '../data/catalogue.ts';
import type { Dataset } from '../data/dataset.ts';
import { InvalidRequestError, parseWholeNumber, queryText } from '../filters.ts';
import { createSensorStream, firstReadings } from '../views/live-sensor.ts';

type Query = Record<string, unknown>;

function parseSensor(query: Query): Sensor {
  const value = queryText(query, 'sensor');
  if (value === undefined) return SENSORS[0];
  if ((SENSORS as readonly string[]).includes(value)) return value as Sensor;
  throw new InvalidRequestError([
    `Invalid "sensor" value "${value}": expected one of ${SENSORS.join(', ')}.`,
  ]);
}

/**
 * Registers the sensor readings as a batch (GET /api/live/readings) and as server-sent events
 * (GET /api/live/stream): one `reading` event every `interval` ms from reading `start` on, and an
 * `end` event after `limit` readings when a limit is given.
 */
export function registerLiveRoutes(app: FastifyInstance, dataset: Dataset): void {
  app.get('/api/live/readings', (request) => {
    const query = request.query as Query;
    const sensor = parseSensor(query);
    const count = parseWholeNumber(query, 'count', 100, 1, 5000);
    return { sensor, readings: firstReadings(sensor, dataset.seed, count) };
  });

  app.get('/api/live/stream', (request, reply) => {
    const query = request.query as Query;
    const sensor = parseSensor(query);
    const interval = parseWholeNumber(query, 'interval', 500, 20, 10_000);
    const limit = parseWholeNumber(query, 'limit', 0, 0, 100_000);
    const start = parseWholeNumber(query, 'start', 0, 0, 100_000);

    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Tells a proxy such as nginx not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    response.write(`retry: 2000\n\n`);

    // The z-score window needs the readings before `start`, so they are computed and skipped.
    const next = createSensorStream(sensor, dataset.seed);
    for (let skipped = 0; skipped < start; skipped++) next();
    let sent = 0;
    const send = (): void => {
      const reading = next();
      response.write(`id: ${reading.index}\nevent: reading\ndata: ${JSON.stringify(reading)}\n\n`);
      sent++;
      if (limit > 0 && sent >= limit) {
        response.write('event: end\ndata: {}\n\n');
        stop();
        response.end();
      }
    };
    const timer = setInterval(send, interval);
    const stop = (): void => clearInterval(timer);
    request.log.info({ sensor, interval, start, limit }, 'Live stream opened');
    request.raw.on('close', () => {
      stop();
      request.log.info({ sensor, sent }, 'Live stream closed');
    });
    send();
  });
}
