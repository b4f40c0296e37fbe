import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

import { loadSentimentFaults } from './faults.ts';
import type { Faults } from './faults.ts';
import { ApiError } from './http/api-error.ts';
import { buildClientErrorHandler } from './http/client-error.ts';
import { handleFrameworkError, registerErrorHandlers } from './http/error-handler.ts';
import { registerJsonBodyParser } from './http/json-body.ts';
import { BODY_LIMIT_BYTES } from './limits.ts';
import { registerHealthRoute } from './routes/health.ts';
import { registerPageRoutes } from './routes/page.ts';
import { registerSentimentRoute } from './routes/sentiment.ts';

export interface BuildAppOptions {
  /** Seeded faults to switch on; by default read from NOVA_FAULTS. */
  faults?: Faults;
  /** Fastify logger setting, for example { level: 'info' }. Off by default. */
  logger?: FastifyServerOptions['logger'];
}

/** Builds the sentiment app without listening, so that tests can call `app.inject`. */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const faults = options.faults ?? loadSentimentFaults();
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: buildClientErrorHandler(() => app.log),
  });

  if (faults.active.length > 0) {
    app.log.warn({ faults: faults.active }, 'Seeded faults are switched on');
  }

  registerJsonBodyParser(app);
  registerErrorHandlers(app);

  // Bodies are not decompressed, so a compressed body would read as bytes that are not UTF-8.
  app.addHook('onRequest', (request, _reply, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      done(
        new ApiError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Encoding "${encoding}" is not supported. Send the JSON body uncompressed.`,
        ),
      );
      return;
    }
    done();
  });

  registerSentimentRoute(app, faults);
  registerHealthRoute(app);
  registerPageRoutes(app, faults);

  await app.ready();
  return app;
}
