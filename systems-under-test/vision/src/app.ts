import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';

import Fastify from 'fastify';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import sharp from 'sharp';

import type { Faults } from '../../shared/faults.ts';
import { DRAIN_LIMIT_BYTES, readBody } from './body-reader.ts';
import { registerErrorHandlers, unsupportedMediaType } from './error-handler.ts';
import { loadVisionFaults } from './faults.ts';
import { ACCEPTED_CONTENT_TYPES } from './image-format.ts';
import { JobGate } from './job-gate.ts';
import { MAX_CONCURRENT_JOBS, MAX_QUEUED_JOBS } from './limits.ts';
import { loadOpenCv } from './opencv.ts';
import { registerHealthRoute } from './routes/health.ts';
import { registerImageRoutes } from './routes/images.ts';
import { registerQrRoute } from './routes/qr.ts';
import { registerScanRoute } from './routes/scan.ts';

/** Folder of the upload page served at GET /. */
export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * The page's scripts, styles and requests come from this origin only; result images are blob:
 * URLs (processed images) or data: URLs (scanned pages).
 */
const PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface BuildAppOptions {
  /** Fastify logger setting, for example { level: 'info' }. Off by default. */
  logger?: FastifyServerOptions['logger'];
  /** Seeded faults; by default read from NOVA_FAULTS. */
  faults?: Faults;
}

/**
 * libvips keeps a cache of decoded images and runs one thread per core for each image. For a
 * service that sees every image once, the cache only holds memory, and one thread per job keeps
 * the two concurrent jobs from competing for the same cores.
 */
function configureSharp(): void {
  sharp.cache(false);
  sharp.concurrency(1);
}

/** Builds the vision service without listening, so tests can call `app.inject`. Loads OpenCV first. */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  configureSharp();
  const cv = await loadOpenCv();
  const faults = options.faults ?? loadVisionFaults();

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: DRAIN_LIMIT_BYTES });
  if (faults.active.length > 0) app.log.warn({ faults: faults.active }, 'Seeded faults are on');

  // Image bytes only. Any other type is read to its end and refused with 415, so that the
  // client receives the answer instead of a reset connection.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ACCEPTED_CONTENT_TYPES,
    (_request: FastifyRequest, payload: IncomingMessage) => readBody(payload),
  );
  app.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage) =>
    readBody(payload, unsupportedMediaType(request.headers['content-type'])),
  );

  // Fastify runs no content-type parser for a body without Content-Type and responds at once, so
  // this drains such a body first, for the same reason.
  app.addHook('onRequest', async (request) => {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    if ((request.headers['content-type'] ?? '') === '' && hasBody) {
      await readBody(request.raw, unsupportedMediaType(undefined));
    }
  });

  registerErrorHandlers(app);
  const context = { cv, gate: new JobGate(MAX_CONCURRENT_JOBS, MAX_QUEUED_JOBS), faults };
  registerImageRoutes(app, context);
  registerQrRoute(app, context);
  registerScanRoute(app, context);
  registerHealthRoute(app, context);

  // The page names its active seeded faults in a data attribute, read by app.js.
  const pageFaults = faults.active.filter((id) => id.startsWith('vision.page-'));
  const indexHtml = (await readFile(new URL('index.html', `file://${PUBLIC_DIR}`), 'utf8')).replace(
    'data-faults=""',
    `data-faults="${pageFaults.join(' ')}"`,
  );
  app.get('/', (_request, reply) =>
    reply
      .header('content-security-policy', PAGE_CONTENT_SECURITY_POLICY)
      .type('text/html; charset=utf-8')
      .send(indexHtml),
  );
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    wildcard: false,
    index: false,
    setHeaders: (response) => {
      response.setHeader('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    },
  });

  return app;
}
