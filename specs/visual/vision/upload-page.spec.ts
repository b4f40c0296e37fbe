import { expect, test } from '../../fixtures.ts';
import { fixtureBytes } from '../../api/vision/fixtures.ts';

test.describe('vision upload page looks as approved', () => {
  test.beforeEach(async ({ visionPage }) => {
    await visionPage.open();
  });

  test('empty form', { tag: '@VISION-025' }, async ({ page }) => {
    await expect(page).toMatchBaseline('empty-form');
  });

  test('QR result list', { tag: '@VISION-025' }, async ({ visionPage }) => {
    await visionPage.process(
      {
        name: 'qr-three-codes.png',
        mimeType: 'image/png',
        buffer: fixtureBytes('qr/qr-three-codes.png'),
      },
      'qr',
    );
    await expect(visionPage.codes).toHaveCount(3);

    await expect(visionPage.result).toMatchBaseline('qr-result');
  });

  test('error message', { tag: '@VISION-025' }, async ({ visionPage }) => {
    await visionPage.process(
      { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
      'grayscale',
    );
    await expect(visionPage.error).toBeVisible();

    await expect(visionPage.error).toMatchBaseline('error-message');
  });
});
