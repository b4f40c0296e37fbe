/**
 * Customer segments: k-means on standardised features, a two-component PCA projection for the
 * scatter plot, and a profile of each cluster in the features' own units.
 */
import { kmeans } from 'ml-kmeans';
import { PCA } from 'ml-pca';

import type { Customer, Dataset } from '../data/dataset.ts';
import { mean, standardise } from '../stats/descriptive.ts';
import { InvalidRequestError, type Filters } from '../filters.ts';
import { customerColumnOf, filterCustomers } from './customers.ts';

export const SEGMENT_FEATURES = ['age', 'tenureMonths', 'sessions', 'orders', 'revenue'] as const;
export type SegmentFeature = (typeof SEGMENT_FEATURES)[number];

/** Seed of the k-means++ start, so that the same filters always give the same clusters. */
export const KMEANS_SEED = 42;
export const DEFAULT_CLUSTER_COUNT = 4;

export interface ClusterProfile {
  /** 1-based, ordered by mean revenue from lowest to highest, so labels do not depend on the start. */
  cluster: number;
  customers: number;
  share: number;
  means: Record<SegmentFeature, number>;
  conversionRate: number;
  /** Mean of the filters' metric in this cluster. */
  metricMean: number;
}

export interface SegmentsResult {
  filters: Filters;
  clusterCount: number;
  customers: number;
  /** Customers left out because a feature (age) is missing. */
  excludedForMissing: number;
  explainedVariance: [number, number];
  points: { customerId: string; cluster: number; pc1: number; pc2: number }[];
  profiles: ClusterProfile[];
}

/** Runs seeded k-means++ and renumbers the clusters 0..k-1 by ascending `orderBy` mean. */
export function clusterRows(
  rows: readonly (readonly number[])[],
  clusterCount: number,
  orderBy: readonly number[],
): number[] {
  const result = kmeans(rows as number[][], clusterCount, {
    seed: KMEANS_SEED,
    initialization: 'kmeans++',
  });
  const order = Array.from({ length: clusterCount }, (_, cluster) => cluster)
    .map((cluster) => ({
      cluster,
      key: mean(orderBy.filter((_, index) => result.clusters[index] === cluster)),
    }))
    .sort((left, right) => left.key - right.key || left.cluster - right.cluster);
  const renumber = new Map(order.map(({ cluster }, rank) => [cluster, rank]));
  return result.clusters.map((cluster) => renumber.get(cluster)!);
}

export function computeSegments(
  dataset: Dataset,
  filters: Filters,
  clusterCount: number,
): SegmentsResult {
  const filtered = filterCustomers(dataset, filters);
  const complete = filtered.filter((customer) =>
    SEGMENT_FEATURES.every((feature) => customer[feature] !== null),
  );
  // Three customers per cluster is the least that gives each cluster a meaningful profile.
  if (complete.length < clusterCount * 3) {
    throw new InvalidRequestError([
      `The filters leave ${complete.length} customers with every feature, but ${clusterCount} clusters ` +
        `need at least ${clusterCount * 3}: widen the date range, choose all segments or lower k.`,
    ]);
  }

  const raw = complete.map((customer) =>
    SEGMENT_FEATURES.map((feature) => customer[feature] as number),
  );
  const { rows } = standardise(raw);
  const clusters = clusterRows(
    rows,
    clusterCount,
    complete.map((customer) => customer.revenue),
  );

  // The rows are standardised already, so PCA only centres them (a no-op) and does not rescale.
  const pca = new PCA(rows, { center: true, scale: false });
  const projection = pca.predict(rows, { nComponents: 2 }).to2DArray();
  const explained = pca.getExplainedVariance();

  const metricColumn = customerColumnOf(filters.metric);
  const profiles = Array.from({ length: clusterCount }, (_, cluster): ClusterProfile => {
    const members: Customer[] = complete.filter((_, index) => clusters[index] === cluster);
    const means = Object.fromEntries(
      SEGMENT_FEATURES.map((feature) => [
        feature,
        mean(members.map((member) => member[feature] as number)),
      ]),
    ) as Record<SegmentFeature, number>;
    return {
      cluster: cluster + 1,
      customers: members.length,
      share: members.length / complete.length,
      means,
      conversionRate: mean(members.map((member) => member.converted)),
      metricMean: mean(members.map((member) => member[metricColumn])),
    };
  });

  return {
    filters,
    clusterCount,
    customers: complete.length,
    excludedForMissing: filtered.length - complete.length,
    explainedVariance: [explained[0] ?? 0, explained[1] ?? 0],
    points: complete.map((customer, index) => ({
      customerId: customer.id,
      cluster: clusters[index]! + 1,
      pc1: projection[index]![0]!,
      pc2: projection[index]![1]!,
    })),
    profiles,
  };
}
