import { describe, expect, test } from 'vitest';

import {
  KIND_COLOURS,
  annotate,
  decodePng,
  encodePng,
  readPngSize,
  resolveCodec,
  type Region,
} from '../../framework/visual/index.ts';
import { basePage, canvas } from './synthetic-images.ts';

describe('PNG codecs', () => {
  test('sharp and pngjs decode the same pixels, and each reads what the other wrote', async () => {
    expect(await resolveCodec('auto')).toBe('sharp');
    const page = basePage();
    for (const writer of ['sharp', 'pngjs'] as const) {
      const bytes = await encodePng(page, writer);
      expect(readPngSize(bytes)).toEqual({ width: 400, height: 240 });
      for (const reader of ['sharp', 'pngjs'] as const) {
        const decoded = await decodePng(bytes, reader);
        expect(decoded.width).toBe(400);
        expect(Buffer.from(decoded.data).equals(Buffer.from(page.data))).toBe(true);
      }
    }
  });

  test('data that is not a PNG is refused with its size', async () => {
    await expect(decodePng(Buffer.from('GIF89a....'))).rejects.toThrow(
      'Expected a PNG image, but the data (10 bytes) has no PNG signature.',
    );
  });
});

describe('annotate', () => {
  test('draws each box just outside its region in the colour of its kind, and leaves the input alone', () => {
    const image = canvas(100, 80);
    const before = Buffer.from(image.data);
    const regions: Region[] = [
      {
        index: 1,
        kind: 'shift',
        x: 40,
        y: 40,
        width: 20,
        height: 10,
        pixels: 50,
        share: 0.01,
        dx: 5,
        dy: 0,
      },
      { index: 2, kind: 'colour', x: 10, y: 60, width: 5, height: 5, pixels: 25, share: 0.01 },
    ];
    const annotated = annotate(image, regions);
    const pixel = (x: number, y: number) => [
      ...annotated.data.subarray((y * 100 + x) * 4, (y * 100 + x) * 4 + 3),
    ];

    expect(Buffer.from(image.data).equals(before)).toBe(true);
    // The box's 2-pixel line starts 3 pixels outside the region.
    expect(pixel(37, 45)).toEqual(KIND_COLOURS.shift);
    expect(pixel(38, 45)).toEqual(KIND_COLOURS.shift);
    expect(pixel(39, 45)).toEqual([255, 255, 255]);
    expect(pixel(50, 45)).toEqual([255, 255, 255]);
    expect(pixel(7, 62)).toEqual(KIND_COLOURS.colour);
    // The number label sits above the box: a filled block in the kind's colour with white digits.
    const label = Array.from({ length: 14 }, (_, dy) => pixel(38, 23 + dy));
    expect(label).toContainEqual(KIND_COLOURS.shift);
  });
});
