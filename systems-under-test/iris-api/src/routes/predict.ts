import type { FastifyInstance } from 'fastify';

import type { IrisSample } from '../dataset.ts';
import type { ServiceMetrics } from '../http-metrics.ts';
import { compilePredictBodyValidator } from '../predict-body-validator.ts';
import type { IrisPredictor } from '../predictor.ts';
import { predictRouteSchema } from '../schemas.ts';

/** Body of POST /predict after schema validation. */
export type PredictBody = IrisSample | { instances: IrisSample[] };

/** Registers POST /predict for a single sample or a batch of samples. */
export function registerPredictRoute(
  app: FastifyInstance,
  predictor: IrisPredictor,
  metrics: ServiceMetrics,
): void {
  app.post<{ Body: PredictBody }>(
    '/predict',
    { schema: predictRouteSchema, validatorCompiler: compilePredictBodyValidator },
    (request) => {
      const body = request.body;
      const isBatch = 'instances' in body;
      const predictions = predictor.predict(isBatch ? body.instances : [body]);

      for (const prediction of predictions) {
        metrics.predictions.inc({ species: prediction.species });
      }

      if (isBatch) {
        return { predictions, count: predictions.length, modelVersion: predictor.version };
      }

      const [single] = predictions;
      return { ...single, modelVersion: predictor.version };
    },
  );
}
