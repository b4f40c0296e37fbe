import { describe, expect, test } from 'vitest';

import { findRegions } from '../../framework/visual/index.ts';

function maskWith(width: number, height: number, pixels: Array<[number, number]>): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const [x, y] of pixels) mask[y * width + x] = 1;
  return mask;
}

describe('findRegions', () => {
  test('an empty mask has no region', () => {
    expect(findRegions(new Uint8Array(100), 10, 10, 4)).toEqual([]);
  });

  test('the dilation joins pixels up to twice its radius apart, and no further', () => {
    // Gaps of 8 empty columns join at radius 4 (each side grows 4); a gap of 9 does not.
    const mask = maskWith(60, 5, [
      [0, 2],
      [9, 2],
      [30, 2],
    ]);
    expect(findRegions(mask, 60, 5, 4)).toEqual([
      { x: 0, y: 2, width: 10, height: 1, pixels: 2 },
      { x: 30, y: 2, width: 1, height: 1, pixels: 1 },
    ]);
    expect(findRegions(mask, 60, 5, 0)).toHaveLength(3);
  });

  test('diagonal neighbours are connected, and boxes come in reading order', () => {
    const mask = maskWith(20, 20, [
      [15, 1],
      [16, 2],
      [2, 10],
      [3, 11],
      [4, 12],
    ]);
    expect(findRegions(mask, 20, 20, 0)).toEqual([
      { x: 15, y: 1, width: 2, height: 2, pixels: 2 },
      { x: 2, y: 10, width: 3, height: 3, pixels: 3 },
    ]);
  });

  test('boxes given as bands give the same regions as a scan of the whole mask', () => {
    const mask = maskWith(50, 50, [
      [5, 5],
      [6, 6],
      [40, 30],
      [41, 38],
    ]);
    const bands = [
      { x: 2, y: 2, width: 8, height: 8 },
      { x: 37, y: 27, width: 8, height: 15 },
    ];
    expect(findRegions(mask, 50, 50, 4, bands)).toEqual(findRegions(mask, 50, 50, 4));
    expect(findRegions(mask, 50, 50, 4, bands)).toHaveLength(2);
  });
});
