import type { FastifyInstance } from 'fastify';

import type { StoredModel } from '../artifact-store.ts';
import { MODEL_NAME } from '../artifact-files.ts';
import { modelRouteSchema } from '../schemas.ts';

/** Registers GET /model, which describes the served artifact and returns its metrics.json. */
export function registerModelRoute(app: FastifyInstance, model: StoredModel): void {
  const { artifact, metrics } = model;
  const modelInfo = {
    name: MODEL_NAME,
    version: artifact.version,
    trainedAt: metrics.trainedAt,
    algorithm: artifact.algorithm,
    seed: artifact.seed,
    features: artifact.features,
    classes: artifact.classes,
    metrics,
  };

  app.get('/model', { schema: modelRouteSchema }, () => modelInfo);
}
