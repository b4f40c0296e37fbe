/** Recommendations: item-to-item cosine similarity on the customers' star ratings. */
import { ITEMS } from '../data/catalogue.ts';
import type { Dataset } from '../data/dataset.ts';
import { cosineSimilarity } from '../stats/cosine.ts';
import { InvalidRequestError, inDateRange, inSegment, type Filters } from '../filters.ts';

export const DEFAULT_RECOMMENDATION_COUNT = 5;

export interface SimilarItem {
  itemId: string;
  name: string;
  category: string;
  similarity: number;
  /** Customers who rated both items. */
  coRaters: number;
}

export interface RecommendationsResult {
  filters: Filters;
  item: { itemId: string; name: string; category: string; raters: number };
  ratings: number;
  customers: number;
  similar: SimilarItem[];
}

/** Builds the customer × item matrix of stars, 0 where a customer rated nothing. */
export function ratingMatrix(
  ratings: readonly { customerId: string; itemId: string; stars: number }[],
  itemIds: readonly string[],
): { customers: string[]; matrix: number[][] } {
  const customers = [...new Set(ratings.map((rating) => rating.customerId))].sort();
  const row = new Map(customers.map((customer, index) => [customer, index]));
  const column = new Map(itemIds.map((itemId, index) => [itemId, index]));
  const matrix = customers.map(() => itemIds.map(() => 0));
  for (const rating of ratings) {
    const itemIndex = column.get(rating.itemId);
    if (itemIndex !== undefined) matrix[row.get(rating.customerId)!]![itemIndex] = rating.stars;
  }
  return { customers, matrix };
}

export function computeRecommendations(
  dataset: Dataset,
  filters: Filters,
  itemId: string,
  count: number,
): RecommendationsResult {
  const itemIndex = ITEMS.findIndex((item) => item.id === itemId);
  if (itemIndex === -1) {
    throw new InvalidRequestError([
      `Unknown "item" value "${itemId}": expected an id from ${ITEMS[0]!.id} to ${ITEMS[ITEMS.length - 1]!.id} (GET /api/meta lists them).`,
    ]);
  }

  const segmentOf = new Map(dataset.customers.map((customer) => [customer.id, customer.segment]));
  const ratings = dataset.ratings.filter(
    (rating) =>
      inDateRange(rating.date, filters) && inSegment(segmentOf.get(rating.customerId)!, filters),
  );
  const { customers, matrix } = ratingMatrix(
    ratings,
    ITEMS.map((item) => item.id),
  );
  const columnOf = (index: number): number[] => matrix.map((row) => row[index]!);
  const target = columnOf(itemIndex);

  const similar = ITEMS.map((item, index): SimilarItem | undefined => {
    if (index === itemIndex) return undefined;
    const other = columnOf(index);
    return {
      itemId: item.id,
      name: item.name,
      category: item.category,
      similarity: cosineSimilarity(target, other),
      coRaters: target.filter((stars, row) => stars > 0 && other[row]! > 0).length,
    };
  })
    .filter((item): item is SimilarItem => item !== undefined)
    .sort((a, b) => b.similarity - a.similarity || a.itemId.localeCompare(b.itemId))
    .slice(0, count);

  const item = ITEMS[itemIndex]!;
  return {
    filters,
    item: {
      itemId: item.id,
      name: item.name,
      category: item.category,
      raters: target.filter((stars) => stars > 0).length,
    },
    ratings: ratings.length,
    customers: customers.length,
    similar,
  };
}
