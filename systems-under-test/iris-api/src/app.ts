import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';

import { DEFAULT_ARTIFACTS_DIR } from './artifact-files.ts';
import { hasCurrentModel, loadCurrentModel, writeTrainingRun } from './artifact-store.ts';
import { buildClientErrorHandler, handleFrameworkError } from './connection-errors.ts';
import { registerErrorHandlers } from './error-handler.ts';
import { NO_FAULTS } from './faults.ts';
import type { Faults } from './faults.ts';
import { createServiceMetrics, registerHttpMetricsHook } from './http-metrics.ts';
import { registerJsonBodyParser } from './json-body-parser.ts';
import { registerMethodNotAllowed } from './method-not-allowed.ts';
import { IrisPredictor } from './predictor.ts';
import { AJV_OPTIONS } from './predict-body-validator.ts';
import { registerHealthRoute } from './routes/health.ts';
import { registerMetricsRoute } from './routes/metrics.ts';
import { registerModelRoute } from './routes/model.ts';
import { registerPredictRoute } from './routes/predict.ts';
import { registerRequestBodyHeaderChecks } from './request-body-headers.ts';
import { BODY_LIMIT_BYTES } from './schemas.ts';
import { DEFAULT_SEED, trainIrisModel } from './train.ts';

/** Folder of the HTML form served at GET /. */
export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * Content-Security-Policy of the web form: the browser blocks any script, style or request that
 * does not come from this origin.
 */
const FORM_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface BuildAppOptions {
  /** Folder with current.json and the model artifacts. Defaults to systems-under-test/iris-api/artifacts. */
  artifactsDir?: string;
  /** Train a model with seed 42 when the folder has no current.json. Off by default. */
  trainIfMissing?: boolean;
  /** Fastify logger setting, for example { level: 'info' }. Off by default. */
  logger?: FastifyServerOptions['logger'];
  /** Seeded faults switched on for this process, from loadIrisFaults. None by default. */
  faults?: Faults;
}

/**
 * Replaces Fastify's schemaErrorFormatter, which joins every ajv error into the error message.
 * The error handler builds its own message from `error.validation`, and with allErrors the joined
 * string would grow with the body: 60,004 entries for a body with 60,000 unknown keys.
 */
function formatSchemaErrors(errors: readonly unknown[], dataVar: string): Error {
  return new Error(`${dataVar} failed schema validation with ${errors.length} errors`);
}

/**
 * Builds the Iris API without listening, so tests can call `app.inject`. Loads the model named
 * by current.json in the artifacts folder and, with trainIfMissing, trains one first.
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const artifactsDir = options.artifactsDir ?? DEFAULT_ARTIFACTS_DIR;
  const faults = options.faults ?? NO_FAULTS;
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: AJV_OPTIONS },
    schemaErrorFormatter: formatSchemaErrors,
    clientErrorHandler: buildClientErrorHandler(() => app.log),
    frameworkErrors: handleFrameworkError,
  });

  if (options.trainIfMissing === true && !(await hasCurrentModel(artifactsDir))) {
    app.log.info({ artifactsDir, seed: DEFAULT_SEED }, 'No model artifact found, training one');
    const training = trainIrisModel({ seed: DEFAULT_SEED });
    const written = await writeTrainingRun(training, artifactsDir);
    app.log.info(
      { modelVersion: training.artifact.version, accuracy: training.metrics.accuracy, ...written },
      'Trained and saved a new model',
    );
  }

  const model = await loadCurrentModel(artifactsDir);
  const predictor = new IrisPredictor(model, faults);
  app.log.info({ modelVersion: predictor.version, modelPath: model.modelPath }, 'Loaded model');

  // Only JSON bodies are accepted. Fastify also parses text/plain by default, which would turn
  // a 415 into a confusing 400 "must be object".
  app.removeContentTypeParser('text/plain');
  registerJsonBodyParser(app, faults);

  const metrics = createServiceMetrics();
  registerHttpMetricsHook(app, metrics);
  registerErrorHandlers(app, faults);
  registerMethodNotAllowed(app);
  registerRequestBodyHeaderChecks(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Iris API',
        version: '1.0.0',
        description:
          'Classifies iris flowers (setosa, versicolor, virginica) from four measurements in cm ' +
          'with a random forest trained on the Iris data set.',
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerPredictRoute(app, predictor, metrics, faults);
  registerModelRoute(app, model);
  registerHealthRoute(app, predictor.version);
  registerMetricsRoute(app, metrics);
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  // Seeded fault iris.missing-header: the form is served without its Content-Security-Policy.
  const pageHeaders: Record<string, string> = faults.on('iris.missing-header')
    ? {}
    : { 'Content-Security-Policy': FORM_CONTENT_SECURITY_POLICY };

  // With seeded faults on, the page itself is served by registerFaultyFormPage below.
  const servesFaultyPage = faults.active.length > 0;
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    wildcard: false,
    index: servesFaultyPage ? false : ['index.html'],
    setHeaders: (response) => {
      for (const [name, value] of Object.entries(pageHeaders)) response.setHeader(name, value);
    },
  });
  if (servesFaultyPage) await registerFaultyFormPage(app, faults, pageHeaders);

  return app;
}

/**
 * Serves GET / with the active seeded faults in `<html data-faults="...">`, because the page's
 * own code cannot read NOVA_FAULTS: app.js and styles.css switch their faults on from this
 * attribute. Only a process with faults on, which production mode refuses, registers it.
 */
async function registerFaultyFormPage(
  app: FastifyInstance,
  faults: Faults,
  headers: Record<string, string>,
): Promise<void> {
  const page = await readFile(join(PUBLIC_DIR, 'index.html'), 'utf8');
  const faultyPage = page.replace(
    '<html lang="en">',
    `<html lang="en" data-faults="${faults.active.join(' ')}">`,
  );

  app.get('/', { schema: { hide: true } }, (_request, reply) =>
    reply.headers(headers).type('text/html; charset=utf-8').send(faultyPage),
  );
}
