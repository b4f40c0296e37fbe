import fc from 'fast-check';
import pixelmatch from 'pixelmatch';
import { describe, expect, test } from 'vitest';

import { bandedPixelmatch, changedBands } from '../../framework/visual/banded-diff.ts';
import type { RgbaImage } from '../../framework/visual/index.ts';
import {
  INK,
  RED,
  WHITE,
  basePage,
  button,
  clone,
  rect,
  setPixel,
  text,
} from './synthetic-images.ts';

const COLOURS = {
  diffColor: [255, 0, 0] as [number, number, number],
  diffColorAlt: [0, 170, 0] as [number, number, number],
  aaColor: [255, 255, 0] as [number, number, number],
};

function whole(expected: RgbaImage, actual: RgbaImage, includeAA: boolean) {
  const diff = new Uint8Array(expected.data.length);
  const count = pixelmatch(expected.data, actual.data, diff, expected.width, expected.height, {
    threshold: 0.1,
    includeAA,
    ...COLOURS,
  });
  return { count, diff };
}

describe('bandedPixelmatch', () => {
  test('gives the diff count and diff image of one pixelmatch call on the whole image', () => {
    const expected = basePage();
    const actual = basePage();
    text(actual, 20, 20, 'IRIS SPECIES', RED, 3);
    rect(actual, 20, 120, 70, 24, WHITE);
    button(actual, 200, 180);
    setPixel(actual, 399, 239, INK);
    for (const includeAA of [false, true]) {
      const reference = whole(expected, actual, includeAA);
      const banded = bandedPixelmatch(expected, actual, {
        threshold: 0.1,
        includeAA,
        colours: COLOURS,
      });
      expect(banded.diffPixels).toBe(reference.count);
      expect(Buffer.from(banded.diff).equals(Buffer.from(reference.diff))).toBe(true);
    }
  });

  test('equals pixelmatch on random edits, anti-aliasing detection included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 399 }),
            y: fc.integer({ min: 0, max: 239 }),
            grey: fc.integer({ min: 0, max: 255 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (edits) => {
          const expected = basePage();
          const actual = clone(expected);
          for (const edit of edits)
            setPixel(actual, edit.x, edit.y, [edit.grey, edit.grey, edit.grey]);
          const reference = whole(expected, actual, false);
          const banded = bandedPixelmatch(expected, actual, {
            threshold: 0.1,
            includeAA: false,
            colours: COLOURS,
          });
          return (
            banded.diffPixels === reference.count &&
            Buffer.from(banded.diff).equals(Buffer.from(reference.diff))
          );
        },
      ),
      { numRuns: 25, seed: 4 },
    );
  });

  test('groups nearby changed rows into one band and far ones into two', () => {
    const expected = basePage();
    const actual = clone(expected);
    setPixel(actual, 10, 10, RED);
    setPixel(actual, 50, 14, RED);
    setPixel(actual, 100, 200, RED);
    expect(changedBands(expected, actual, undefined)).toEqual([
      { x: 7, y: 7, width: 47, height: 11 },
      { x: 97, y: 197, width: 7, height: 7 },
    ]);
  });
});
