import { describe, expect, test } from 'vitest';

import {
  VisualOptionsError,
  resolveCompareOptions,
  validateBaselineName,
  validateVisualOptions,
} from '../../framework/visual/index.ts';

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof VisualOptionsError) return error.problems;
    throw error;
  }
  throw new Error('expected a VisualOptionsError');
}

describe('visual options', () => {
  test('defaults', () => {
    expect(resolveCompareOptions()).toEqual({
      threshold: 0.1,
      includeAA: false,
      ignore: [],
      dilation: 4,
      maxShift: 400,
      codec: 'auto',
    });
  });

  test('every invalid option is named once, with its value and what is expected', () => {
    const problems = problemsOf(() =>
      validateVisualOptions({
        threshold: 1.5,
        maxDiffPixels: -1,
        maxDiffPixelRatio: '5%',
        codec: 'libpng',
        mask: ['#button'],
        ignore: [{ x: 0, y: 0, width: 0, height: 10 }],
        maxCaptures: 1,
        fullpage: true,
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^fullpage is not an option; known options: .*fullPage/),
      'threshold is 1.5; expected a number from 0 to 1.',
      'maxDiffPixels is -1; expected an integer from 0 to 9007199254740991.',
      'maxDiffPixelRatio is "5%"; expected a number from 0 to 1.',
      'codec is "libpng"; expected one of auto, sharp, pngjs.',
      'ignore[0] is {"x":0,"y":0,"width":0,"height":10}; expected { x, y, width, height } with x, y >= 0 and a positive size.',
      'maxCaptures is 1; expected an integer from 2 to 20.',
      'mask[0] is "#button"; expected a locator or { x, y, width, height }.',
    ]);
  });

  test('options that are not an object are refused', () => {
    expect(problemsOf(() => validateVisualOptions(0.2))).toEqual([
      'options are 0.2; expected an object such as { threshold: 0.1 }.',
    ]);
  });

  test('baseline names become file names, so paths and odd characters are refused', () => {
    expect(validateBaselineName('iris-form')).toBe('iris-form');
    expect(validateBaselineName('iris-form.png')).toBe('iris-form');
    for (const name of ['../secret', 'a/b', '', '-lead', 'x'.repeat(101), 'a..b']) {
      expect(problemsOf(() => validateBaselineName(name))[0]).toMatch(/^baseline name is /);
    }
  });
});
