import { describe, expect, test } from 'vitest';

import { compareImages, type Region } from '../../framework/visual/index.ts';
import {
  ACCENT,
  INK,
  RED,
  WHITE,
  basePage,
  button,
  canvas,
  clone,
  icon,
  png,
  rect,
  setPixel,
  text,
} from './synthetic-images.ts';

function summary(
  regions: Region[],
): Array<Pick<Region, 'kind' | 'x' | 'y' | 'width' | 'height'> & { dx?: number; dy?: number }> {
  return regions.map(({ kind, x, y, width, height, dx, dy }) => ({
    kind,
    x,
    y,
    width,
    height,
    ...(dx !== undefined ? { dx, dy } : {}),
  }));
}

async function compare(expected: ReturnType<typeof basePage>, actual: ReturnType<typeof basePage>) {
  return compareImages(await png(expected), await png(actual), { codec: 'pngjs' });
}

describe('compareImages on generated pairs', () => {
  test('identical files return without decoding', async () => {
    const bytes = await png(basePage());
    const result = await compareImages(bytes, Buffer.from(bytes));
    expect(result).toMatchObject({
      identical: true,
      status: 'match',
      diffPixels: 0,
      width: 400,
      height: 240,
    });
    expect(result.actual).toBeUndefined();
  });

  test('moved button is one shift with its offset', async () => {
    const actual = basePage();
    rect(actual, 20, 120, 70, 24, WHITE);
    button(actual, 60, 120);
    const result = await compare(basePage(), actual);
    expect(result.status).toBe('mismatch');
    expect(summary(result.regions)).toEqual([
      { kind: 'shift', x: 20, y: 120, width: 110, height: 24, dx: 40, dy: 0 },
    ]);
  });

  test('button moved past its own width is still one shift', async () => {
    const actual = basePage();
    rect(actual, 20, 120, 70, 24, WHITE);
    button(actual, 180, 150);
    const result = await compare(basePage(), actual);
    expect(summary(result.regions)).toEqual([
      { kind: 'shift', x: 20, y: 120, width: 230, height: 54, dx: 160, dy: 30 },
    ]);
  });

  test('recoloured text is one colour change', async () => {
    const actual = basePage();
    text(actual, 20, 20, 'IRIS SPECIES', RED, 3);
    const result = await compare(basePage(), actual);
    expect(result.regions.map((region) => region.kind)).toEqual(['colour']);
    expect(result.regions[0]).toMatchObject({ x: 20, y: 20, height: 15 });
  });

  test('removed icon is one removal', async () => {
    const actual = basePage();
    rect(actual, 300, 60, 12, 12, WHITE);
    const result = await compare(basePage(), actual);
    expect(summary(result.regions)).toEqual([
      { kind: 'removed', x: 300, y: 60, width: 12, height: 12 },
    ]);
  });

  test('added banner is one addition', async () => {
    const actual = basePage();
    rect(actual, 20, 180, 360, 30, ACCENT);
    text(actual, 30, 190, 'NEW RELEASE', WHITE);
    const result = await compare(basePage(), actual);
    expect(summary(result.regions)).toEqual([
      { kind: 'added', x: 20, y: 180, width: 360, height: 30 },
    ]);
    // The white letters match the white page, so they are no difference.
    expect(result.regions[0]!.pixels).toBe(result.diffPixels);
    expect(result.diffPixels).toBeGreaterThan(360 * 30 * 0.9);
  });

  test('changed word is one text change', async () => {
    const expected = basePage();
    const actual = basePage();
    rect(actual, 20, 120, 70, 24, ACCENT);
    text(actual, 28, 127, 'EXPLAIN', WHITE);
    const result = await compare(expected, actual);
    expect(result.regions.map((region) => region.kind)).toEqual(['text']);
  });

  test('one anti-aliased edge pixel is ignored, and counted with includeAA', async () => {
    // A dark bar on white with a grey pixel on its edge: pixelmatch's detector sees anti-aliasing.
    const expected = canvas(60, 40);
    rect(expected, 10, 10, 20, 20, INK);
    const actual = clone(expected);
    setPixel(actual, 30, 15, [140, 140, 140]);
    const expectedPng = await png(expected);
    const actualPng = await png(actual);

    const ignored = await compareImages(expectedPng, actualPng);
    expect(ignored).toMatchObject({ status: 'match', diffPixels: 0, regions: [] });

    const counted = await compareImages(expectedPng, actualPng, { includeAA: true });
    expect(counted.diffPixels).toBe(1);
    expect(summary(counted.regions)).toEqual([
      { kind: 'added', x: 30, y: 15, width: 1, height: 1 },
    ]);
  });

  test('a taller capture is compared on the common area and reported as a size change', async () => {
    const expected = basePage();
    const actual = canvas(400, 260);
    actual.data.set(expected.data);
    icon(actual, 100, 245);
    const result = await compare(expected, actual);
    expect(result).toMatchObject({
      status: 'size-changed',
      passed: false,
      diffPixels: 0,
      width: 400,
      height: 260,
      baselineWidth: 400,
      baselineHeight: 240,
    });
    expect(summary(result.regions)).toEqual([
      { kind: 'size', x: 0, y: 240, width: 400, height: 20, dx: 0, dy: 20 },
    ]);
  });

  test('every edit at once gives one region each, in reading order', async () => {
    const actual = basePage();
    text(actual, 20, 20, 'IRIS SPECIES', RED, 3);
    rect(actual, 300, 60, 12, 12, WHITE);
    rect(actual, 20, 120, 70, 24, WHITE);
    button(actual, 200, 120);
    rect(actual, 20, 180, 360, 30, ACCENT);
    const result = await compare(basePage(), actual);
    expect(result.regions.map((region) => [region.index, region.kind])).toEqual([
      [1, 'colour'],
      [2, 'removed'],
      [3, 'shift'],
      [4, 'added'],
    ]);
    expect(result.regions.reduce((sum, region) => sum + region.pixels, 0)).toBe(result.diffPixels);
  });

  test('a colour change under the threshold is no difference', async () => {
    const actual = basePage();
    text(actual, 20, 20, 'IRIS SPECIES', [INK[0] + 6, INK[1] + 6, INK[2] + 6], 3);
    const result = await compare(basePage(), actual);
    expect(result).toMatchObject({ status: 'match', diffPixels: 0, identical: false });
  });

  test('tolerances let a small difference pass and keep its regions', async () => {
    const actual = basePage();
    rect(actual, 300, 60, 12, 12, WHITE);
    const bytes = [await png(basePage()), await png(actual)] as const;
    const strict = await compareImages(...bytes);
    const pixels = strict.diffPixels;
    expect(strict.passed).toBe(false);
    expect((await compareImages(...bytes, { maxDiffPixels: pixels })).passed).toBe(true);
    expect((await compareImages(...bytes, { maxDiffPixels: pixels - 1 })).passed).toBe(false);
    expect(
      (await compareImages(...bytes, { maxDiffPixelRatio: pixels / (400 * 240) })).passed,
    ).toBe(true);
    const ignored = await compareImages(...bytes, {
      ignore: [{ x: 295, y: 55, width: 20, height: 20 }],
    });
    expect(ignored).toMatchObject({ passed: true, diffPixels: 0 });
  });
});
