import type { FastifyInstance } from 'fastify';

import { healthRouteSchema } from '../schemas.ts';

/** Registers GET /health. Uptime counts from the moment the app was built, not the process start. */
export function registerHealthRoute(app: FastifyInstance, modelVersion: string): void {
  const builtAt = performance.now();

  app.get('/health', { schema: healthRouteSchema }, () => ({
    status: 'ok' as const,
    modelVersion,
    uptimeSeconds: (performance.now() - builtAt) / 1000,
  }));
}
