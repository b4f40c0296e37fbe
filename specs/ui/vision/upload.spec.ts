import { expect, test } from '../../fixtures.ts';
import type { UploadFile } from '../../../pages/vision/index.ts';
import { QR_EXPECTED, DOCUMENT_EXPECTED, fixtureBytes, sample } from '../../api/vision/fixtures.ts';

function upload(path: string, mimeType: string): UploadFile {
  return { name: path.split('/').pop()!, mimeType, buffer: fixtureBytes(path) };
}

test.describe('vision upload page', () => {
  test.beforeEach(async ({ visionPage }) => {
    await visionPage.open();
  });

  test(
    'reading a sheet of three QR codes lists each text',
    { tag: '@VISION-021' },
    async ({ visionPage }) => {
      const fixture = QR_EXPECTED.fixtures.find(
        (candidate) => candidate.file === 'qr-three-codes.png',
      )!;

      await visionPage.process(upload('qr/qr-three-codes.png', 'image/png'), 'qr');

      await expect(visionPage.summary).toHaveText('3 QR codes found in the 640 × 360 image.');
      await expect(visionPage.codes).toHaveCount(3);
      expect((await visionPage.codeTexts()).sort()).toEqual(
        fixture.codes.map((code) => code.text).sort(),
      );
      await expect(visionPage.codes.first()).toContainText('found by jsqr and opencv');
      await expect(visionPage.error).toBeHidden();
    },
  );

  test(
    'an image without codes says none were found',
    { tag: '@VISION-021' },
    async ({ visionPage }) => {
      await visionPage.process(upload('qr/qr-none.jpg', 'image/jpeg'), 'qr');

      await expect(visionPage.summary).toHaveText('0 QR codes found in the 320 × 240 image.');
      await expect(visionPage.codes).toHaveCount(0);
    },
  );

  test(
    'scanning a document shows its corners and the flat page',
    { tag: '@VISION-022' },
    async ({ visionPage }) => {
      const { pageWidth, pageHeight } = DOCUMENT_EXPECTED;

      await visionPage.process(upload('documents/doc-tilted.jpg', 'image/jpeg'), 'scan', {
        width: pageWidth,
        height: pageHeight,
      });

      await expect(visionPage.summary).toHaveText(
        `Page found and flattened to ${pageWidth} × ${pageHeight} pixels.`,
      );
      await expect(visionPage.corners).toHaveCount(4);
      await expect(visionPage.corners.first()).toHaveText(/^Top left \(\d+(\.\d)?, \d+(\.\d)?\)$/);
      expect(await visionPage.resultImageSize()).toEqual({ width: pageWidth, height: pageHeight });
    },
  );

  test(
    'resizing shows the new size and the image',
    { tag: '@VISION-023' },
    async ({ visionPage }) => {
      const input = sample('sample.png');

      await visionPage.process(
        { name: 'sample.png', mimeType: input.mediaType, buffer: input.bytes },
        'resize',
        { width: 80, height: 80, fit: 'inside' },
      );

      await expect(visionPage.summary).toHaveText('80 × 60 PNG, 3 channels.');
      expect(await visionPage.resultImageSize()).toEqual({ width: 80, height: 60 });
    },
  );

  test('grayscale reports one channel', { tag: '@VISION-023' }, async ({ visionPage }) => {
    const input = sample('sample.jpg');

    await visionPage.process(
      { name: 'sample.jpg', mimeType: input.mediaType, buffer: input.bytes },
      'grayscale',
    );

    await expect(visionPage.summary).toHaveText('200 × 150 JPEG, 1 channel.');
  });

  test(
    'each operation shows only its own parameters',
    { tag: '@VISION-023' },
    async ({ visionPage }) => {
      await visionPage.operation.selectOption({ label: 'Blur' });
      await expect(visionPage.parameter('sigma')).toBeVisible();
      await expect(visionPage.parameter('width')).toBeHidden();

      await visionPage.operation.selectOption({ label: 'Crop' });
      for (const name of ['left', 'top', 'width', 'height'] as const)
        await expect(visionPage.parameter(name)).toBeVisible();
      await expect(visionPage.parameter('sigma')).toBeHidden();

      await visionPage.operation.selectOption({ label: 'Read QR codes' });
      for (const name of ['width', 'sigma', 'angle', 'format'] as const)
        await expect(visionPage.parameter(name)).toBeHidden();
    },
  );

  test(
    'a file that is not an image shows the service message and clears the last result',
    { tag: '@VISION-024' },
    async ({ visionPage }) => {
      await visionPage.process(upload('qr/qr-clean.png', 'image/png'), 'qr');
      await expect(visionPage.codes).toHaveCount(1);

      await visionPage.process(
        {
          name: 'notes.png',
          mimeType: 'image/png',
          buffer: Buffer.from('meeting notes, not a picture'),
        },
        'qr',
      );

      await expect(visionPage.error).toBeVisible();
      await expect(visionPage.error).toContainText('not a PNG, JPEG, WebP, GIF or TIFF image');
      await expect(visionPage.result).toBeHidden();
      await expect(visionPage.codes).toHaveCount(0);
    },
  );

  test(
    'a crop outside the image shows which limit was broken',
    { tag: '@VISION-024' },
    async ({ visionPage }) => {
      const input = sample('sample.png');

      await visionPage.process(
        { name: 'sample.png', mimeType: input.mediaType, buffer: input.bytes },
        'crop',
        { left: 150, top: 0, width: 20, height: 10 },
      );

      await expect(visionPage.error).toContainText('outside the 160 × 120 image');
      await expect(visionPage.result).toBeHidden();
    },
  );
});
