/**
 * The source service: plays a public open-data REST API of weather readings
 * (cursor pagination, rate limiting with Retry-After, occasional 5xx) and a
 * small HTML directory of the stations for the scraper.
 */
import Fastify, { type FastifyInstance } from 'fastify';

import { decodeCursor, encodeCursor } from './cursor.ts';
import { brokenPageNumber, renderStationPage } from './site.ts';
import type { SourceSeed } from './seed.ts';

export interface SourceOptions {
  seed: SourceSeed;
  /** Requests per client within `rateWindowMs`; 0 turns rate limiting off. */
  rateLimit: number;
  rateWindowMs: number;
  /** Every Nth readings request fails with 503; 0 turns failures off. */
  failEvery: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

function problem(status: number, code: string, message: string) {
  return { error: { status, code, message } };
}

export function buildSourceApp(options: SourceOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  const windows = new Map<string, { start: number; count: number }>();
  let readingsRequests = 0;

  app.get('/health', (_request, reply) =>
    reply.send({ status: 'ok', readings: options.seed.readings.length }),
  );

  app.get('/api/v1/readings', async (request, reply) => {
    if (options.rateLimit > 0) {
      const now = Date.now();
      const client = request.ip;
      let window = windows.get(client);
      if (window === undefined || now - window.start >= options.rateWindowMs) {
        window = { start: now, count: 0 };
        windows.set(client, window);
      }
      window.count += 1;
      if (window.count > options.rateLimit) {
        // RFC 9110 §10.2.3: Retry-After in whole seconds.
        const seconds = Math.max(1, Math.ceil((window.start + options.rateWindowMs - now) / 1000));
        return reply
          .code(429)
          .header('retry-after', String(seconds))
          .send(
            problem(
              429,
              'RATE_LIMITED',
              `At most ${options.rateLimit} requests per ${options.rateWindowMs} ms; retry after ${seconds} s.`,
            ),
          );
      }
    }

    readingsRequests += 1;
    if (options.failEvery > 0 && readingsRequests % options.failEvery === 0) {
      return reply
        .code(503)
        .send(problem(503, 'UNAVAILABLE', 'The upstream store is busy; retry the request.'));
    }

    const query = request.query as Record<string, string | undefined>;
    const limitText = query.limit ?? String(DEFAULT_PAGE_SIZE);
    const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) {
      return reply
        .code(400)
        .send(
          problem(
            400,
            'INVALID_LIMIT',
            `limit must be an integer from 1 to ${MAX_PAGE_SIZE}, received "${limitText}".`,
          ),
        );
    }
    let offset = 0;
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor);
      if (decoded === undefined) {
        return reply
          .code(400)
          .send(
            problem(
              400,
              'INVALID_CURSOR',
              `cursor "${query.cursor.slice(0, 80)}" was not issued by this API; pass next_cursor from the previous page, or omit it to start.`,
            ),
          );
      }
      offset = decoded;
    }

    const data = options.seed.readings.slice(offset, offset + limit);
    const end = offset + data.length;
    return {
      data,
      next_cursor: end < options.seed.readings.length ? encodeCursor(end) : null,
    };
  });

  app.get('/site/stations', async (request, reply) => {
    const pageText = (request.query as Record<string, string | undefined>).page ?? '1';
    const page = /^\d+$/.test(pageText) ? Number(pageText) : 0;
    const broken = brokenPageNumber(options.seed.stations);
    if (page < 1 || page > broken) {
      return reply
        .code(404)
        .type('text/html')
        .send('<!doctype html><title>Not found</title><h1>No such page</h1>');
    }
    if (page === broken) {
      // The site's broken page: linked from the pager, but the server fails to render it.
      return reply
        .code(500)
        .type('text/html')
        .send('<!doctype html><title>Error</title><h1>Internal Server Error</h1>');
    }
    return reply
      .type('text/html; charset=utf-8')
      .send(renderStationPage(options.seed.stations, page));
  });

  return app;
}
