import { describe, expect, it } from 'vitest';

import { parseServiceOptions } from '../../systems-under-test/pipeline/src/service-options.ts';

describe('pipeline service options', () => {
  it('keeps the tables unless --fresh is given', () => {
    expect(parseServiceOptions([], {}).fresh).toBe(false);
    expect(parseServiceOptions(['--fresh'], {}).fresh).toBe(true);
  });

  it('names an unknown option', () => {
    expect(() => parseServiceOptions(['--frsh'], {})).toThrow(/frsh.*--help/s);
  });
});
