import type { FastifyInstance } from 'fastify';

import type { ServiceMetrics } from '../http-metrics.ts';
import { PROMETHEUS_CONTENT_TYPE, metricsRouteSchema } from '../schemas.ts';

/** Registers GET /metrics in the Prometheus text format. */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.get('/metrics', { schema: metricsRouteSchema }, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(PROMETHEUS_CONTENT_TYPE).send(text);
  });
}
