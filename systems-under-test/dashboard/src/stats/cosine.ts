/**
 * Cosine similarity of two rating vectors, in which 0 means "not rated". Unrated entries add
 * nothing to the dot product, which is the usual item-item form (Sarwar et al., 2001,
 * "Item-based collaborative filtering recommendation algorithms", section 3.1.1).
 * Returns 0 when either vector has no ratings.
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `Vectors must have the same length, received ${a.length} and ${b.length}.`,
    );
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    dot += a[index]! * b[index]!;
    normA += a[index]! ** 2;
    normB += b[index]! ** 2;
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}
