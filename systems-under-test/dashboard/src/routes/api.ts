import type { FastifyInstance } from 'fastify';

import {
  FIRST_DAY,
  ITEMS,
  LAST_DAY,
  METRIC_LABELS,
  METRICS,
  SEGMENT_LABELS,
  SEGMENTS,
  SENSORS,
} from '../data/catalogue.ts';
import type { Dataset } from '../data/dataset.ts';
import { faults } from '../faults.ts';
import { parseFilters, parseWholeNumber, queryText } from '../filters.ts';
import { computeAbTest } from '../views/ab-test.ts';
import { computeForecast, DEFAULT_HOLDOUT_DAYS } from '../views/forecast.ts';
import { computeOverview } from '../views/overview.ts';
import { computeRecommendations, DEFAULT_RECOMMENDATION_COUNT } from '../views/recommendations.ts';
import { computeSegments, DEFAULT_CLUSTER_COUNT } from '../views/segments.ts';

type Query = Record<string, unknown>;

/** Registers the JSON endpoints of the views; each takes the shared filters as query parameters. */
export function registerApiRoutes(app: FastifyInstance, dataset: Dataset): void {
  app.get('/api/meta', () => ({
    seed: dataset.seed,
    firstDay: FIRST_DAY,
    lastDay: LAST_DAY,
    customers: dataset.customers.length,
    segments: SEGMENTS.map((id) => ({ id, label: SEGMENT_LABELS[id] })),
    metrics: METRICS.map((id) => ({ id, label: METRIC_LABELS[id] })),
    items: ITEMS,
    sensors: [...SENSORS],
    // Faults that live in the browser code; always empty unless NOVA_FAULTS switches one on.
    clientFaults: faults.active,
  }));

  app.get('/api/overview', (request) =>
    computeOverview(dataset, parseFilters(request.query as Query)),
  );

  app.get('/api/ab-test', (request) =>
    computeAbTest(dataset, parseFilters(request.query as Query)),
  );

  app.get('/api/segments', (request) => {
    const query = request.query as Query;
    const filters = parseFilters(query);
    const k = parseWholeNumber(query, 'k', DEFAULT_CLUSTER_COUNT, 2, 8);
    return computeSegments(dataset, filters, k);
  });

  app.get('/api/forecast', (request) => {
    const query = request.query as Query;
    const filters = parseFilters(query);
    const holdout = parseWholeNumber(query, 'holdout', DEFAULT_HOLDOUT_DAYS, 7, 28);
    return computeForecast(dataset, filters, holdout);
  });

  app.get('/api/recommendations', (request) => {
    const query = request.query as Query;
    const filters = parseFilters(query);
    const count = parseWholeNumber(
      query,
      'count',
      DEFAULT_RECOMMENDATION_COUNT,
      1,
      ITEMS.length - 1,
    );
    const item = queryText(query, 'item') ?? ITEMS[0]!.id;
    return computeRecommendations(dataset, filters, item, count);
  });
}
