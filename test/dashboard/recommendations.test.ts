import { describe, expect, it } from 'vitest';

import { ITEMS } from '../../systems-under-test/dashboard/src/data/catalogue.ts';
import {
  computeRecommendations,
  ratingMatrix,
} from '../../systems-under-test/dashboard/src/views/recommendations.ts';
import { customer, dataset, filters } from './small-dataset.ts';

const [first, second, third] = ITEMS.map((item) => item.id);

function rating(customerId: string, itemId: string, stars: number, date = '2026-01-05') {
  return { customerId, itemId, stars, date };
}

describe('recommendations', () => {
  it('builds the rating matrix with 0 for unrated items', () => {
    const { customers, matrix } = ratingMatrix(
      [rating('u2', 'x', 4), rating('u1', 'y', 2), rating('u1', 'x', 5)],
      ['x', 'y'],
    );

    expect(customers).toEqual(['u1', 'u2']);
    expect(matrix).toEqual([
      [5, 2],
      [4, 0],
    ]);
  });

  it('ranks items by cosine similarity', () => {
    // Users u1, u2, u3. Item 1: (5, 3, 0); item 2: (4, 0, 4); item 3: (5, 3, 1).
    // cos(1, 2) = 20 / sqrt(34 * 32) = 0.606; cos(1, 3) = 34 / sqrt(34 * 35) = 0.986.
    const ratings = [
      rating('u1', first!, 5),
      rating('u2', first!, 3),
      rating('u1', second!, 4),
      rating('u3', second!, 4),
      rating('u1', third!, 5),
      rating('u2', third!, 3),
      rating('u3', third!, 1),
    ];
    const customers = ['u1', 'u2', 'u3'].map((id) => customer({ id }));

    const result = computeRecommendations(dataset({ customers, ratings }), filters(), first!, 2);

    expect(result.item).toMatchObject({ itemId: first, raters: 2 });
    expect(result.similar.map((item) => item.itemId)).toEqual([third, second]);
    expect(result.similar[0]!.similarity).toBeCloseTo(34 / Math.sqrt(34 * 35), 12);
    expect(result.similar[1]!.similarity).toBeCloseTo(20 / Math.sqrt(34 * 32), 12);
    expect(result.similar.map((item) => item.coRaters)).toEqual([2, 1]);
  });

  it('leaves out ratings outside the filters', () => {
    const ratings = [
      rating('u1', first!, 5),
      rating('u1', second!, 5, '2026-03-01'),
      rating('u2', second!, 5),
    ];
    const customers = [customer({ id: 'u1' }), customer({ id: 'u2', segment: 'smb' })];

    const result = computeRecommendations(
      dataset({ customers, ratings }),
      filters({ to: '2026-02-01', segment: 'retail' }),
      first!,
      1,
    );

    expect(result.ratings).toBe(1);
    expect(result.similar[0]!.similarity).toBe(0);
  });

  it('rejects an unknown item', () => {
    expect(() => computeRecommendations(dataset({}), filters(), 'item-99', 3)).toThrow(
      /Unknown "item" value "item-99"/,
    );
  });
});
