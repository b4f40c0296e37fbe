import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';

import { generateDataset, type Dataset } from './data/dataset.ts';
import { faults } from './faults.ts';
import { InvalidRequestError } from './filters.ts';
import { registerApiRoutes } from './routes/api.ts';
import { registerLiveRoutes } from './routes/live.ts';

export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/** ECharts' browser bundle, served from node_modules so that the page loads nothing from a CDN. */
const ECHARTS_BUNDLE = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');

/** Paths of the single-page app's views; each serves index.html, which renders the view. */
export const VIEW_PATHS = [
  '/',
  '/overview',
  '/ab-test',
  '/segments',
  '/forecast',
  '/recommendations',
  '/live',
];

/**
 * The page loads scripts, styles and data from this origin only. `style-src` allows inline
 * styles because ECharts' SVG renderer writes style attributes on the elements it draws.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface BuildAppOptions {
  dataset?: Dataset;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the dashboard without listening, so that tests can call `app.inject`. */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const dataset = options.dataset ?? generateDataset();
  const app = Fastify({ logger: options.logger ?? false });
  const startedAt = performance.now();

  if (faults.active.length > 0)
    app.log.warn({ faults: faults.active }, 'Seeded faults are switched on');

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof InvalidRequestError) {
      return reply
        .status(400)
        .send({ error: 'invalid-request', message: error.message, problems: error.problems });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'Request failed');
    const message = error instanceof Error ? error.message : String(error);
    return reply
      .status(status)
      .send({ error: status >= 500 ? 'internal-error' : 'bad-request', message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: 'not-found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}: GET /api/meta lists what the API serves.`,
    }),
  );

  app.get('/health', () => ({
    status: 'ok' as const,
    seed: dataset.seed,
    uptimeSeconds: (performance.now() - startedAt) / 1000,
  }));

  registerApiRoutes(app, dataset);
  registerLiveRoutes(app, dataset);

  const echarts = await readFile(ECHARTS_BUNDLE);
  app.get('/vendor/echarts.min.js', (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .send(echarts),
  );

  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    wildcard: false,
    index: false,
    setHeaders: (response) => {
      response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    },
  });
  for (const path of VIEW_PATHS) {
    if (path === '/') continue;
    app.get(path, (_request, reply) => reply.sendFile('index.html'));
  }
  app.get('/', (_request, reply) => reply.sendFile('index.html'));

  return app;
}
