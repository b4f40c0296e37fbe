import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import { CLASS_NAMES } from './dataset.ts';

/** Route label for requests that matched no route, so unknown URLs cannot grow the label set. */
export const UNMATCHED_ROUTE_LABEL = 'unmatched';

/** Prometheus metrics of one app, in a registry of its own so several apps can share a process. */
export interface ServiceMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status_code'>;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  predictions: Counter<'species'>;
}

/** Creates the registry with default process metrics and the service's own metrics. */
export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'iris_http_requests_total',
    help: 'HTTP requests handled, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });

  // prom-client 15's default buckets run from 5 ms to 10 s.
  const httpRequestDuration = new Histogram({
    name: 'iris_http_request_duration_seconds',
    help: 'Time from receiving a request to sending the response, in seconds.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });

  const predictions = new Counter({
    name: 'iris_predictions_total',
    help: 'Samples classified, by predicted species. A batch counts each sample.',
    labelNames: ['species'] as const,
    registers: [registry],
  });

  // Start every species at 0 so the series exist before the first prediction.
  for (const species of CLASS_NAMES) {
    predictions.labels(species).inc(0);
  }

  return { registry, httpRequests, httpRequestDuration, predictions };
}

/** Counts and times every response, labelled with the route pattern rather than the raw URL. */
export function registerHttpMetricsHook(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE_LABEL,
      status_code: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
  });
}
