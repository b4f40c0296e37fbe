/**
 * `await expect(page).toMatchBaseline('iris-form', options)`, and the same
 * for a locator: a stable capture compared with its baseline under
 * baselines/. A failure lists each changed region on one line and the paths
 * of every image.
 */
import {
  test,
  type ExpectMatcherState,
  type Locator,
  type MatcherReturnType,
  type Page,
} from '@playwright/test';

import { compareWithBaseline } from './baseline-check.ts';
import type { VisualOptions } from './options.ts';

export async function toMatchBaseline(
  this: ExpectMatcherState,
  received: Page | Locator,
  name: string,
  options?: VisualOptions,
): Promise<MatcherReturnType> {
  const matcherName = 'toMatchBaseline';
  if (this.isNot) {
    throw new Error(
      'expect(...).not.toMatchBaseline() is not supported: a capture that differs from its baseline proves nothing. ' +
        'Compare with the baseline of the other state instead.',
    );
  }
  const isTarget =
    typeof received === 'object' &&
    received !== null &&
    typeof (received as { screenshot?: unknown }).screenshot === 'function';
  if (!isTarget) {
    throw new Error(
      `toMatchBaseline needs a Playwright Page or Locator, but received ${typeof received}. ` +
        'Call it as expect(page).toMatchBaseline(name) or expect(locator).toMatchBaseline(name).',
    );
  }

  const result = await compareWithBaseline(received, name, options, test.info());
  return {
    name: matcherName,
    pass: result.passed,
    expected: name,
    actual: result.status,
    message: () => result.message,
  };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Playwright's extension point is this namespace.
  namespace PlaywrightTest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = unknown> {
      /**
       * Captures the page or locator and compares it with baseline `name`
       * (baselines/<project>/<spec>/<name>.png). Options: threshold,
       * includeAA, maxDiffPixels, maxDiffPixelRatio, mask, maskColor, style,
       * fullPage, ignore, maxCaptures; see docs/visual.md.
       */
      toMatchBaseline(name: string, options?: VisualOptions): Promise<R>;
    }
  }
}
