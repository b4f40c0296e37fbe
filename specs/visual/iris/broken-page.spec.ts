import { existsSync } from 'node:fs';

import { compareWithBaseline } from '../../../framework/fixtures/index.ts';
import { expect, test } from '../../fixtures.ts';

/*
 * Breaks the page in the browser only (the system under test is not
 * changed): the Predict button moves right and the heading turns red. The
 * comparison with the approved empty-form baseline must find exactly these
 * two changes, say what each is, and name the element of each.
 */
// The page's Content-Security-Policy forbids inline styles; the browser is told to set it aside for this test.
test.use({ bypassCSP: true });

test(
  'moved button and recoloured heading are found, classified and named',
  { tag: '@IRIS-103' },
  async ({ irisPage, page }, testInfo) => {
    await irisPage.open();
    await page.addStyleTag({
      content: '#predict-button { margin-left: 160px; } h1 { color: #c0392b; }',
    });

    // readOnly: this comparison expects a difference, so it must never become a candidate or a baseline.
    const result = await compareWithBaseline(page, 'empty-form', undefined, testInfo, {
      readOnly: true,
      specPath: 'iris/prediction-page',
    });

    expect(result.status).toBe('mismatch');
    expect(result.passed).toBe(false);
    expect(result.regions.map((region) => region.kind).sort()).toEqual(['colour', 'shift']);

    const shift = result.regions.find((region) => region.kind === 'shift')!;
    expect({ dx: shift.dx, dy: shift.dy }).toEqual({ dx: 160, dy: 0 });
    expect(shift.element).toEqual({ selector: 'button#predict-button', text: 'Predict' });

    const colour = result.regions.find((region) => region.kind === 'colour')!;
    expect(colour.element?.selector).toBe('body > main > h1');
    expect(colour.element?.text).toBe('Iris species predictor');

    expect(result.message).toMatch(/^Visual mismatch "empty-form": 2 regions/);
    expect(result.artifacts.annotated).toBeDefined();
    expect(existsSync(result.artifacts.annotated!)).toBe(true);
    expect(testInfo.attachments.map((attachment) => attachment.name)).toEqual(
      expect.arrayContaining(['empty-form-annotated.png', 'empty-form-diff.png', 'nova-visual']),
    );
  },
);
