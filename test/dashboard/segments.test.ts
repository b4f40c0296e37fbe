import { PCA } from 'ml-pca';
import { describe, expect, it } from 'vitest';

import {
  clusterRows,
  computeSegments,
} from '../../systems-under-test/dashboard/src/views/segments.ts';
import { customer, dataset, filters } from './small-dataset.ts';

describe('segments', () => {
  it('k-means separates two obvious groups', () => {
    // Three points near (0, 0) and three near (10, 10): the centroids are (1/3, 1/3) and (31/3, 31/3).
    const rows = [
      [0, 0],
      [10, 10],
      [0, 1],
      [10, 11],
      [1, 0],
      [11, 10],
    ];

    const clusters = clusterRows(
      rows,
      2,
      rows.map((row) => row[0]!),
    );

    expect(clusters).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('clusters are numbered by the order key', () => {
    const rows = [[0], [0.1], [10], [10.1]];

    // A key that is high for the low group makes the low group cluster 1.
    expect(clusterRows(rows, 2, [5, 5, 1, 1])).toEqual([1, 1, 0, 0]);
  });

  it('PCA of points on a line has one component', () => {
    // (1,2), (2,4), (3,6) lie on y = 2x: centred, they are -1, 0, 1 times (1, 2), of length sqrt(5).
    const pca = new PCA([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    const projected = pca.predict([[3, 6]], { nComponents: 2 }).to2DArray()[0]!;

    expect(pca.getExplainedVariance()[0]).toBeCloseTo(1, 12);
    expect(Math.abs(projected[0]!)).toBeCloseTo(Math.sqrt(5), 10);
    expect(projected[1]).toBeCloseTo(0, 10);
  });

  it('profiles match the members of each cluster', () => {
    const low = [1, 2, 3].map((index) =>
      customer({
        id: `l${index}`,
        age: 20 + index,
        sessions: 2,
        orders: 0,
        revenue: 0,
        tenureMonths: 1,
      }),
    );
    const high = [1, 2, 3].map((index) =>
      customer({
        id: `h${index}`,
        age: 60 + index,
        sessions: 20,
        orders: 5,
        revenue: 900,
        tenureMonths: 40,
        converted: 1,
      }),
    );
    const missingAge = customer({ id: 'x', age: null });

    const result = computeSegments(
      dataset({ customers: [...low, ...high, missingAge] }),
      filters(),
      2,
    );

    expect(result.customers).toBe(6);
    expect(result.excludedForMissing).toBe(1);
    expect(result.profiles).toEqual([
      {
        cluster: 1,
        customers: 3,
        share: 0.5,
        means: { age: 22, tenureMonths: 1, sessions: 2, orders: 0, revenue: 0 },
        conversionRate: 0,
        metricMean: 0,
      },
      {
        cluster: 2,
        customers: 3,
        share: 0.5,
        means: { age: 62, tenureMonths: 40, sessions: 20, orders: 5, revenue: 900 },
        conversionRate: 1,
        metricMean: 900,
      },
    ]);
    expect(
      result.points.filter((point) => point.cluster === 2).map((point) => point.customerId),
    ).toEqual(['h1', 'h2', 'h3']);
  });

  it('rejects too few customers for k', () => {
    const customers = [1, 2, 3].map((index) => customer({ id: `c${index}` }));

    expect(() => computeSegments(dataset({ customers }), filters(), 2)).toThrow(
      /leave 3 customers with every feature, but 2 clusters need at least 6/,
    );
  });
});
