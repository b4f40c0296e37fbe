import { setTimeout as sleep } from 'node:timers/promises';

import type { FastifyInstance } from 'fastify';

import type { IrisSample } from '../dataset.ts';
import { NO_FAULTS } from '../faults.ts';
import type { Faults } from '../faults.ts';
import type { ServiceMetrics } from '../http-metrics.ts';
import { compilePredictBodyValidator } from '../predict-body-validator.ts';
import type { IrisPredictor } from '../predictor.ts';
import {
  batchPredictionResponseSchema,
  predictRouteSchema,
  singlePredictionResponseSchema,
} from '../schemas.ts';

/** Body of POST /predict after schema validation. */
export type PredictBody = IrisSample | { instances: IrisSample[] };

/** Extra latency of the seeded fault iris.slow-predict, in milliseconds. */
const SLOW_PREDICT_DELAY_MS = 20;

/**
 * The route schema with the batch's `count` renamed to `total`, for the seeded fault
 * iris.renamed-field: a rename made in the handler and in the schema alike passes the service's
 * own serializer, and only a consumer's contract notices it.
 */
function withBatchCountRenamed(): object {
  const { count, ...otherProperties } = batchPredictionResponseSchema.properties;
  const renamedBatch = {
    ...batchPredictionResponseSchema,
    required: ['predictions', 'total', 'modelVersion'],
    properties: { ...otherProperties, total: count },
  };
  const ok = predictRouteSchema.response[200];
  return {
    ...predictRouteSchema,
    response: {
      ...predictRouteSchema.response,
      200: { ...ok, anyOf: [singlePredictionResponseSchema, renamedBatch] },
    },
  };
}

/** Registers POST /predict for a single sample or a batch of samples. */
export function registerPredictRoute(
  app: FastifyInstance,
  predictor: IrisPredictor,
  metrics: ServiceMetrics,
  faults: Faults = NO_FAULTS,
): void {
  // Seeded fault iris.renamed-field: the batch response calls its size `total`.
  const renameCount = faults.on('iris.renamed-field');
  // Seeded fault iris.slow-predict: every prediction waits 20 ms.
  const slow = faults.on('iris.slow-predict');

  app.post<{ Body: PredictBody }>(
    '/predict',
    {
      schema: renameCount ? withBatchCountRenamed() : predictRouteSchema,
      validatorCompiler: compilePredictBodyValidator,
    },
    async (request) => {
      const body = request.body;
      const isBatch = 'instances' in body;
      const predictions = predictor.predict(isBatch ? body.instances : [body]);

      for (const prediction of predictions) {
        metrics.predictions.inc({ species: prediction.species });
      }
      if (slow) await sleep(SLOW_PREDICT_DELAY_MS);

      if (isBatch) {
        return renameCount
          ? { predictions, total: predictions.length, modelVersion: predictor.version }
          : { predictions, count: predictions.length, modelVersion: predictor.version };
      }

      const [single] = predictions;
      return { ...single, modelVersion: predictor.version };
    },
  );
}
