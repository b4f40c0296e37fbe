import sharp from 'sharp';

import { expect, test } from '../../fixtures.ts';
import type { ApiClient } from '../../../framework/api/index.ts';
import { MEDIA_TYPES, SAMPLE_IMAGES, describeImage, sample } from './fixtures.ts';

/** Posts a sample image to one operation and returns the response with the image's decoded properties. */
async function processImage(
  api: ApiClient,
  operation: string,
  file: string,
  query: Record<string, string | number> = {},
) {
  const input = sample(file);
  const response = await api
    .post(`/images/${operation}`)
    .query(query)
    .set('content-type', input.mediaType)
    .send(input.bytes);
  expect(
    response.status,
    `POST /images/${operation} ${JSON.stringify(query)} on ${file}: ${response.text ?? ''}`,
  ).toBe(200);
  const output = response.body as Buffer;
  return { response, output, image: await describeImage(output) };
}

/** Standard deviation of all channel values: blur lowers it, since it removes contrast. */
async function pixelDeviation(bytes: Buffer): Promise<number> {
  const stats = await sharp(bytes).stats();
  return stats.channels.slice(0, 3).reduce((sum, channel) => sum + channel.stdev, 0) / 3;
}

// sample.png is 160 × 120. Expected sizes follow sharp's documented fit modes:
// cover, contain and fill give the box; inside fits within it; outside covers it.
// prettier-ignore
const RESIZE_CASES: { query: Record<string, string | number>; width: number; height: number }[] = [
  { query: { width: 100, height: 100, fit: 'cover' }, width: 100, height: 100 },
  { query: { width: 100, height: 100, fit: 'contain' }, width: 100, height: 100 },
  { query: { width: 100, height: 100, fit: 'fill' }, width: 100, height: 100 },
  { query: { width: 100, height: 100, fit: 'inside' }, width: 100, height: 75 },
  { query: { width: 100, height: 100, fit: 'outside' }, width: 133, height: 100 },
  { query: { width: 80 }, width: 80, height: 60 },
  { query: { height: 30 }, width: 40, height: 30 },
  { query: { width: 321, height: 17, fit: 'fill' }, width: 321, height: 17 },
];

test.describe('POST /images/resize', () => {
  for (const resize of RESIZE_CASES) {
    test(
      `${JSON.stringify(resize.query)} gives ${resize.width} × ${resize.height}`,
      { tag: '@VISION-003' },
      async ({ visionApi }) => {
        const { response, image } = await processImage(
          visionApi,
          'resize',
          'sample.png',
          resize.query,
        );

        expect({ width: image.width, height: image.height }).toEqual({
          width: resize.width,
          height: resize.height,
        });
        expect(response.headers['x-image-width']).toBe(String(resize.width));
        expect(response.headers['x-image-height']).toBe(String(resize.height));
        expect(response.headers['content-type']).toBe('image/png');
      },
    );
  }

  test(
    'contain pads with the requested background colour',
    { tag: '@VISION-003' },
    async ({ visionApi }) => {
      const { output } = await processImage(visionApi, 'resize', 'sample.png', {
        width: 100,
        height: 100,
        fit: 'contain',
        background: '#ff0000',
      });

      // The 160 × 120 image scales to 100 × 75, so rows 0 to 11 are padding.
      const { data } = await sharp(output).raw().toBuffer({ resolveWithObject: true });
      expect([...data.subarray(0, 3)]).toEqual([255, 0, 0]);
    },
  );
});

test.describe('POST /images/grayscale', () => {
  for (const input of SAMPLE_IMAGES) {
    test(
      `${input.file} becomes one grey channel`,
      { tag: '@VISION-004' },
      async ({ visionApi }) => {
        const { response, image } = await processImage(visionApi, 'grayscale', input.file);

        expect(image.channels).toBe(1);
        expect(response.headers['x-image-channels']).toBe('1');
        expect({ width: image.width, height: image.height }).toEqual({
          width: input.width,
          height: input.height,
        });
        // WebP and GIF cannot store one channel, so those come back as PNG.
        const expectedFormat =
          input.format === 'webp' || input.format === 'gif' ? 'png' : input.format;
        expect(image.format).toBe(expectedFormat);
      },
    );
  }
});

test.describe('POST /images/blur', () => {
  for (const sigma of [1, 3, 25]) {
    test(
      `sigma ${sigma} keeps the size and lowers the contrast`,
      { tag: '@VISION-005' },
      async ({ visionApi }) => {
        const input = sample('sample.png');
        const { image, output } = await processImage(visionApi, 'blur', 'sample.png', { sigma });

        expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({
          width: 160,
          height: 120,
          channels: 3,
        });
        expect(await pixelDeviation(output)).toBeLessThan(await pixelDeviation(input.bytes));
      },
    );
  }

  test('a larger sigma blurs more', { tag: '@VISION-005' }, async ({ visionApi }) => {
    const light = await processImage(visionApi, 'blur', 'sample.png', { sigma: 1 });
    const strong = await processImage(visionApi, 'blur', 'sample.png', { sigma: 20 });

    expect(await pixelDeviation(strong.output)).toBeLessThan(await pixelDeviation(light.output));
  });
});

// prettier-ignore
const ROTATE_CASES = [
  { angle: 90, width: 120, height: 160 },
  { angle: -90, width: 120, height: 160 },
  { angle: 180, width: 160, height: 120 },
  { angle: 360, width: 160, height: 120 },
];

test.describe('POST /images/rotate', () => {
  for (const rotate of ROTATE_CASES) {
    test(
      `${rotate.angle}° gives ${rotate.width} × ${rotate.height}`,
      { tag: '@VISION-006' },
      async ({ visionApi }) => {
        const { image } = await processImage(visionApi, 'rotate', 'sample.png', {
          angle: rotate.angle,
        });

        expect({ width: image.width, height: image.height }).toEqual({
          width: rotate.width,
          height: rotate.height,
        });
      },
    );
  }

  test(
    '45° grows the canvas to hold the turned image, filled with the background',
    { tag: '@VISION-006' },
    async ({ visionApi }) => {
      const { image, output } = await processImage(visionApi, 'rotate', 'sample.png', {
        angle: 45,
        background: '#00ff00',
      });

      // A 160 × 120 rectangle turned 45° spans (160 + 120) / √2 = 198 pixels each way.
      expect(image.width).toBeGreaterThanOrEqual(197);
      expect(image.width).toBeLessThanOrEqual(199);
      expect(image.height).toBe(image.width);
      const { data } = await sharp(output)
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([...data.subarray(0, 3)]).toEqual([0, 255, 0]);
    },
  );
});

test.describe('POST /images/crop', () => {
  test('returns exactly the requested pixels', { tag: '@VISION-007' }, async ({ visionApi }) => {
    const region = { left: 20, top: 30, width: 50, height: 40 };
    const input = sample('sample.png');
    const { image, output } = await processImage(visionApi, 'crop', 'sample.png', region);

    expect({ width: image.width, height: image.height }).toEqual({ width: 50, height: 40 });
    const expected = await sharp(input.bytes).extract(region).raw().toBuffer();
    const actual = await sharp(output).raw().toBuffer();
    expect(actual.equals(expected)).toBe(true);
  });

  test('the whole image is a valid crop', { tag: '@VISION-007' }, async ({ visionApi }) => {
    const { image } = await processImage(visionApi, 'crop', 'sample.png', {
      left: 0,
      top: 0,
      width: 160,
      height: 120,
    });

    expect({ width: image.width, height: image.height }).toEqual({ width: 160, height: 120 });
  });
});

const SIGNATURES: Record<string, number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47],
  jpeg: [0xff, 0xd8, 0xff],
  webp: [0x52, 0x49, 0x46, 0x46],
  gif: [0x47, 0x49, 0x46, 0x38],
  tiff: [0x49, 0x49, 0x2a, 0x00],
};

test.describe('POST /images/convert', () => {
  for (const format of Object.keys(MEDIA_TYPES)) {
    test(`PNG to ${format}`, { tag: '@VISION-008' }, async ({ visionApi }) => {
      const { response, output, image } = await processImage(visionApi, 'convert', 'sample.png', {
        format,
      });

      expect(response.headers['content-type']).toBe(MEDIA_TYPES[format]);
      expect(response.headers['x-image-format']).toBe(format);
      expect([...output.subarray(0, SIGNATURES[format]!.length)]).toEqual(SIGNATURES[format]);
      expect(image.format).toBe(format);
      expect({ width: image.width, height: image.height }).toEqual({ width: 160, height: 120 });
    });
  }

  test(
    'a lower JPEG quality gives a smaller file',
    { tag: '@VISION-008' },
    async ({ visionApi }) => {
      const high = await processImage(visionApi, 'convert', 'sample.png', {
        format: 'jpeg',
        quality: 95,
      });
      const low = await processImage(visionApi, 'convert', 'sample.png', {
        format: 'jpeg',
        quality: 20,
      });

      expect(low.output.length).toBeLessThan(high.output.length);
    },
  );

  test(
    'an image with alpha keeps its four channels as WebP',
    { tag: '@VISION-008' },
    async ({ visionApi }) => {
      const { image } = await processImage(visionApi, 'convert', 'sample-alpha.png', {
        format: 'webp',
      });

      expect(image.channels).toBe(4);
    },
  );
});
