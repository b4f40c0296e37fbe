/**
 * Creates a seeded pseudo-random generator returning floats in [0, 1).
 *
 * The algorithm is mulberry32: a 32-bit state advanced by the Weyl constant 0x6D2B79F5, then
 * mixed by xorshift-multiply rounds. It is small and
 * fast, and good enough for shuffling a data set, but not for cryptography.
 */
export function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles a copy of `items` with the Fisher-Yates algorithm driven by `random`. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = result[i] as T;
    result[i] = result[j] as T;
    result[j] = swap;
  }

  return result;
}
