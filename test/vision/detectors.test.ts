import { readFileSync } from 'node:fs';

import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  findPageCorners,
  flatPageSize,
} from '../../systems-under-test/vision/src/document-scanner.ts';
import { loadOpenCv } from '../../systems-under-test/vision/src/opencv.ts';
import type { OpenCv } from '../../systems-under-test/vision/src/opencv.ts';
import {
  mergeCodes,
  readWithJsQr,
  readWithOpenCv,
} from '../../systems-under-test/vision/src/qr-reader.ts';
import type { RgbaImage } from '../../systems-under-test/vision/src/qr-reader.ts';
import { FIXTURES } from './test-app.ts';

async function rgba(path: string): Promise<RgbaImage> {
  const { data, info } = await sharp(readFileSync(new URL(path, FIXTURES)))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
}

let cv: OpenCv;
beforeAll(async () => {
  cv = await loadOpenCv();
});

describe('loadOpenCv', () => {
  it('loads once and leaves no process-wide handler that would crash the service', async () => {
    expect(await loadOpenCv()).toBe(cv);
    // The Emscripten build installs an unhandledRejection listener that aborts; loadOpenCv removes it.
    const listeners = process.listeners('unhandledRejection').map(String);
    expect(listeners.some((listener) => listener.includes('abort'))).toBe(false);
  });
});

describe('QR readers', () => {
  it('jsQR alone finds all three codes of a sheet, which one jsQR call cannot', async () => {
    const image = await rgba('qr/qr-three-codes.png');

    const codes = readWithJsQr(image);

    expect(codes.map((code) => code.text).sort()).toEqual([
      'ALPHA-1',
      'Grüße aus Köln',
      'https://nova.test/b?id=2',
    ]);
    // The search paints over found codes in a copy: the caller's pixels are untouched.
    expect(image.data).toEqual((await rgba('qr/qr-three-codes.png')).data);
  });

  it('OpenCV finds all three in one call', async () => {
    const codes = readWithOpenCv(cv, await rgba('qr/qr-three-codes.png'));

    expect(codes).toHaveLength(3);
  });

  it('mergeCodes lists a code found by both readers once, and keeps two codes with the same text apart', () => {
    const at = (x: number, y: number) => ({
      topLeft: { x, y },
      topRight: { x: x + 100, y },
      bottomRight: { x: x + 100, y: y + 100 },
      bottomLeft: { x, y: y + 100 },
    });

    const merged = mergeCodes([
      [{ text: 'A', corners: at(10, 10), foundBy: ['opencv'] }],
      [
        { text: 'A', corners: at(12, 11), foundBy: ['jsqr'] },
        { text: 'A', corners: at(300, 10), foundBy: ['jsqr'] },
      ],
    ]);

    expect(merged.map((code) => [code.corners.topLeft.x, code.foundBy])).toEqual([
      [10, ['jsqr', 'opencv']],
      [300, ['jsqr']],
    ]);
  });
});

describe('document scanner', () => {
  it('finds the four corners of the tilted page within 3 px', async () => {
    const expected = JSON.parse(
      readFileSync(new URL('documents/expected.json', FIXTURES), 'utf8'),
    ) as {
      fixtures: { file: string; corners?: Record<string, { x: number; y: number }> }[];
    };
    const tilted = expected.fixtures.find((fixture) => fixture.file === 'doc-tilted.jpg')!;

    const corners = findPageCorners(cv, await rgba('documents/doc-tilted.jpg'));

    expect(corners).toBeDefined();
    for (const name of ['topLeft', 'topRight', 'bottomRight', 'bottomLeft'] as const) {
      const error = Math.hypot(
        corners![name].x - tilted.corners![name]!.x,
        corners![name].y - tilted.corners![name]!.y,
      );
      expect(error, name).toBeLessThanOrEqual(3);
    }
  });

  it('finds no page on a bare desk', async () => {
    expect(findPageCorners(cv, await rgba('documents/doc-none.jpg'))).toBeUndefined();
  });

  it('sizes the flat page by its longer edges', () => {
    const size = flatPageSize({
      topLeft: { x: 0, y: 0 },
      topRight: { x: 300, y: 0 },
      bottomRight: { x: 320, y: 400 },
      bottomLeft: { x: 0, y: 410 },
    });

    expect(size).toEqual({ width: 320, height: 410 });
  });
});
