import sharp from 'sharp';

import { expect, test } from '../../fixtures.ts';
import { errorSchema, scanResponseSchema } from './contract.ts';
import {
  DOCUMENT_EXPECTED,
  dataUrlBytes,
  describeImage,
  fixtureBytes,
  largestCornerError,
} from './fixtures.ts';
import type { Corners } from './fixtures.ts';

interface ScanBody {
  corners: Corners;
  width: number;
  height: number;
  channels: number;
  image: string;
}

const { pageWidth, pageHeight, cornerTolerancePx } = DOCUMENT_EXPECTED;
const pages = DOCUMENT_EXPECTED.fixtures.filter((fixture) => fixture.corners !== undefined);

/** Share of pixels on which two same-size greyscale images agree, after thresholding both at 128. */
async function agreement(a: Buffer, b: Buffer): Promise<number> {
  const read = (bytes: Buffer) => sharp(bytes).grayscale().threshold(128).raw().toBuffer();
  const [left, right] = await Promise.all([read(a), read(b)]);
  let same = 0;
  for (let index = 0; index < left.length; index++) if (left[index] === right[index]) same++;
  return same / left.length;
}

test.describe('POST /scan finds the page', () => {
  for (const fixture of pages) {
    test(
      `${fixture.file}: ${fixture.description}`,
      { tag: '@VISION-012' },
      async ({ visionApi }) => {
        const response = await visionApi
          .post('/scan')
          .set('content-type', 'image/jpeg')
          .send(fixtureBytes(`documents/${fixture.file}`));

        expect(response.status).toBe(200);
        expect(response.body).toMatchSchema(scanResponseSchema);
        const body = response.body as ScanBody;
        const error = largestCornerError(body.corners, fixture.corners!);
        expect(error, `corners found: ${JSON.stringify(body.corners)}`).toBeLessThanOrEqual(
          cornerTolerancePx,
        );
      },
    );
  }

  test(
    'corners are named by position: top-left has the smallest x + y, then clockwise',
    { tag: '@VISION-012' },
    async ({ visionApi }) => {
      const response = await visionApi
        .post('/scan')
        .set('content-type', 'image/jpeg')
        .send(fixtureBytes('documents/doc-rotated.jpg'));
      const { topLeft, topRight, bottomRight, bottomLeft } = (response.body as ScanBody).corners;

      const sums = [topLeft, topRight, bottomRight, bottomLeft].map((point) => point.x + point.y);
      expect(Math.min(...sums)).toBe(sums[0]);
      expect(Math.max(...sums)).toBe(sums[2]);
      // Clockwise on screen: the cross product of TL→TR and TL→BL is positive when y grows downwards.
      const cross =
        (topRight.x - topLeft.x) * (bottomLeft.y - topLeft.y) -
        (topRight.y - topLeft.y) * (bottomLeft.x - topLeft.x);
      expect(cross).toBeGreaterThan(0);
    },
  );
});

test.describe('POST /scan flattens and cleans the page', () => {
  for (const fixture of pages) {
    test(
      `${fixture.file} flattens to the page it was made from`,
      { tag: '@VISION-013' },
      async ({ visionApi }) => {
        const response = await visionApi
          .post('/scan')
          .query({ width: pageWidth, height: pageHeight })
          .set('content-type', 'image/jpeg')
          .send(fixtureBytes(`documents/${fixture.file}`));
        const body = response.body as ScanBody;
        const flat = dataUrlBytes(body.image);

        expect(await describeImage(flat)).toEqual({
          width: pageWidth,
          height: pageHeight,
          channels: 1,
          format: 'png',
        });
        expect({ width: body.width, height: body.height, channels: body.channels }).toEqual({
          width: pageWidth,
          height: pageHeight,
          channels: 1,
        });
        // Ink and paper land where the flat page has them; edges and the threshold's halo differ a little.
        expect(await agreement(flat, fixtureBytes(`documents/${fixture.page!}`))).toBeGreaterThan(
          0.93,
        );
      },
    );
  }

  test(
    'without a size, the page keeps the length of its longer edges',
    { tag: '@VISION-013' },
    async ({ visionApi }) => {
      const response = await visionApi
        .post('/scan')
        .set('content-type', 'image/jpeg')
        .send(fixtureBytes('documents/doc-rotated.jpg'));
      const body = response.body as ScanBody;

      // The page was warped to 270 × 382 pixels in the photo.
      expect(Math.abs(body.width - 270)).toBeLessThanOrEqual(4);
      expect(Math.abs(body.height - 382)).toBeLessThanOrEqual(4);
    },
  );

  test(
    'clean=false returns the flat page in colour',
    { tag: '@VISION-013' },
    async ({ visionApi }) => {
      const response = await visionApi
        .post('/scan')
        .query({ clean: 'false', width: 150, height: 212 })
        .set('content-type', 'image/jpeg')
        .send(fixtureBytes('documents/doc-tilted.jpg'));
      const body = response.body as ScanBody;

      expect(body.channels).toBe(3);
      expect(await describeImage(dataUrlBytes(body.image))).toEqual({
        width: 150,
        height: 212,
        channels: 3,
        format: 'png',
      });
    },
  );
});

test(
  'a photo without a page gives 422 NO_DOCUMENT_FOUND',
  { tag: '@VISION-014' },
  async ({ visionApi }) => {
    const response = await visionApi
      .post('/scan')
      .set('content-type', 'image/jpeg')
      .send(fixtureBytes('documents/doc-none.jpg'));

    expect(response.status).toBe(422);
    expect(response.body).toMatchSchema(errorSchema);
    const body = response.body as { code: string; message: string };
    expect(body.code).toBe('NO_DOCUMENT_FOUND');
    expect(body.message).toContain('640 × 480');
  },
);
