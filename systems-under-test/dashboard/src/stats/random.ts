/**
 * Creates a seeded pseudo-random generator returning floats in [0, 1).
 *
 * The algorithm is mulberry32: a 32-bit state advanced by the Weyl constant 0x6D2B79F5, then
 * mixed by xorshift-multiply rounds. It is fast and reproducible across platforms, which is all
 * the seeded data set needs; it is not for cryptography.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from N(mean, sd²) with the Box-Muller transform. */
export function normal(random: () => number, mean = 0, sd = 1): number {
  // 1 - u keeps the logarithm's argument in (0, 1], so it never sees 0.
  const u = 1 - random();
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws from a Poisson distribution by Knuth's multiplication method, fine for small means. */
export function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}
