import type { Page } from '@playwright/test';

import { compareWithBaseline } from '../../../framework/fixtures/index.ts';
import { expect, test } from '../../fixtures.ts';
import { DOCUMENT_EXPECTED, fixtureBytes } from '../../api/vision/fixtures.ts';

const { pageWidth, pageHeight } = DOCUMENT_EXPECTED;
const pages = DOCUMENT_EXPECTED.fixtures.filter((fixture) => fixture.corners !== undefined);

/**
 * The scan is compared with the page it was made from: the expected flat page is the baseline
 * "flat-page", and each scan must match it within the tolerance below. The cleaned scan is pure
 * black and white, the warp resamples every edge, and a corner found a pixel or two off shifts
 * the bars by a pixel: measured differences are 3 to 7 % (7 % for the steep keystone). A page
 * flattened with wrong corners, mirrored or turned differs in 30 % of its pixels or more.
 */
const SCAN_TOLERANCE = { maxDiffPixelRatio: 0.08 };

/** Shows a PNG at its natural size, alone on a white page, so that the capture is exactly the image. */
async function showImage(page: Page, png: Buffer): Promise<void> {
  await page.setViewportSize({ width: pageWidth + 40, height: pageHeight + 40 });
  await page.setContent(
    `<body style="margin:0;background:#fff"><img id="image" alt="image" style="display:block" src="data:image/png;base64,${png.toString('base64')}"></body>`,
  );
  await page.locator('#image').evaluate((image) => (image as HTMLImageElement).decode());
}

test.describe('a scanned document matches its flat page', () => {
  test('the flat page baseline', { tag: '@VISION-026' }, async ({ page }) => {
    await showImage(page, fixtureBytes('documents/page.png'));

    await expect(page.locator('#image')).toMatchBaseline('flat-page');
  });

  for (const fixture of pages) {
    test(
      `scan of ${fixture.file}`,
      { tag: '@VISION-026' },
      async ({ page, visionApi }, testInfo) => {
        const response = await visionApi
          .post('/scan')
          .query({ width: pageWidth, height: pageHeight })
          .set('content-type', 'image/jpeg')
          .send(fixtureBytes(`documents/${fixture.file}`));
        expect(response.status).toBe(200);
        const dataUrl = (response.body as { image: string }).image;
        await showImage(page, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));

        // readOnly: the scan is checked against the flat page's baseline and must never replace it.
        const result = await compareWithBaseline(
          page.locator('#image'),
          'flat-page',
          SCAN_TOLERANCE,
          testInfo,
          { readOnly: true },
        );

        expect(result.status === 'match' || result.passed, result.message).toBe(true);
        expect(result.diffRatio, result.message).toBeLessThanOrEqual(
          SCAN_TOLERANCE.maxDiffPixelRatio,
        );
      },
    );
  }
});
