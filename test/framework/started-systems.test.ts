import { describe, expect, it } from 'vitest';

import { ConfigError, parseStartedSystems } from '../../framework/config/index.ts';

describe('parseStartedSystems', () => {
  it('starts every system when unset or blank', () => {
    expect(parseStartedSystems(undefined, ['iris', 'pipeline'])).toEqual(
      new Set(['iris', 'pipeline']),
    );
    expect(parseStartedSystems('  ', ['iris'])).toEqual(new Set(['iris']));
  });

  it('starts only the listed systems', () => {
    expect(parseStartedSystems(' iris ,', ['iris', 'pipeline'])).toEqual(new Set(['iris']));
  });

  it('names unknown systems and the known ones', () => {
    expect(() => parseStartedSystems('iris,irsi', ['iris', 'pipeline'])).toThrow(ConfigError);
    expect(() => parseStartedSystems('irsi', ['iris', 'pipeline'])).toThrow(
      'NOVA_START_SYSTEMS names "irsi", which nova.config.ts does not declare. Known systems: iris, pipeline.',
    );
  });
});
