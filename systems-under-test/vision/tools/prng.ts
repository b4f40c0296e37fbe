/**
 * Seeded pseudo-random numbers for the fixture generator, so that every run writes the same
 * files. mulberry32 by Tommy Ettinger (public domain): a 32-bit state, period 2^32, enough for
 * noise on images of a few hundred thousand pixels.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normally distributed number (Box-Muller transform) with mean 0 and the given deviation. */
export function gaussian(random: Random, deviation: number): number {
  const u = Math.max(random(), Number.EPSILON);
  const v = random();
  return deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
