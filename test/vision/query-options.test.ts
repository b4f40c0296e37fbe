import { describe, expect, it } from 'vitest';

import { ApiError } from '../../systems-under-test/vision/src/error-body.ts';
import { parseOperationRequest } from '../../systems-under-test/vision/src/image-operations.ts';
import { QueryReader } from '../../systems-under-test/vision/src/query-options.ts';

function failure(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected an ApiError, but nothing was thrown.');
}

describe('QueryReader', () => {
  it('reports every problem at once, one detail each', () => {
    const error = failure(() =>
      parseOperationRequest('crop', { left: 'x', width: '0', zoom: '2' }),
    );

    expect(error.statusCode).toBe(400);
    expect(error.body.details.map((detail) => detail.field)).toEqual([
      'query.left',
      'query.top',
      'query.width',
      'query.height',
      'query.zoom',
    ]);
    expect(error.body.message).toBe(
      'Invalid query for POST /images/crop: left is "x"; expected an integer from 0 to 8192. 4 more problems are listed in details.',
    );
  });

  it('refuses a parameter given twice', () => {
    const reader = new QueryReader({ width: ['1', '2'] });
    reader.integer('width', 1, 10, true);

    expect(() => reader.finish('POST /x')).toThrow('width is given 2 times; give it once');
  });

  it.each(['1e3', ' 5', '5 ', '0x10', '+5', '', '1.0'])(
    'refuses the integer "%s", which Number() would accept',
    (text) => {
      const reader = new QueryReader({ width: text });

      expect(reader.integer('width', 0, 10_000, true)).toBeUndefined();
    },
  );

  it('accepts decimals within range and refuses NaN and Infinity', () => {
    const reader = new QueryReader({ a: '2.5', b: 'NaN', c: 'Infinity' });

    expect(reader.number('a', 0.3, 100, true)).toBe(2.5);
    expect(reader.number('b', 0.3, 100, true)).toBeUndefined();
    expect(reader.number('c', 0.3, 100, true)).toBeUndefined();
  });

  it('parses a valid resize with its defaults', () => {
    expect(parseOperationRequest('resize', { width: '100' })).toEqual({
      plan: {
        operation: 'resize',
        width: 100,
        height: undefined,
        fit: 'cover',
        background: '#ffffff',
      },
      format: undefined,
      quality: undefined,
    });
  });
});
