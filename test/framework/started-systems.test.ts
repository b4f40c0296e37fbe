import { describe, expect, it } from 'vitest';

import { ConfigError, parseStartedSystems, systemNeeds } from '../../framework/config/index.ts';
import { systems } from '../../nova.config.ts';

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

  it('starts the systems a listed system needs, through other systems too', () => {
    const known = ['iris', 'pipeline', 'pipeline-source', 'source-db'];
    const needs = { pipeline: ['pipeline-source'], 'pipeline-source': ['source-db'] };

    expect(parseStartedSystems('pipeline', known, needs)).toEqual(
      new Set(['pipeline', 'pipeline-source', 'source-db']),
    );
    expect(parseStartedSystems('iris', known, needs)).toEqual(new Set(['iris']));
  });

  it('stops on a cycle of needs without looping', () => {
    const needs = { a: ['b'], b: ['a'] };
    expect(parseStartedSystems('a', ['a', 'b'], needs)).toEqual(new Set(['a', 'b']));
  });

  it('names a needed system that nova.config.ts does not declare', () => {
    expect(() => parseStartedSystems('pipeline', ['pipeline'], { pipeline: ['sourse'] })).toThrow(
      'System "pipeline" needs "sourse", which nova.config.ts does not declare.',
    );
  });

  it('names a misspelt need when every system starts', () => {
    expect(() =>
      parseStartedSystems(undefined, ['iris', 'pipeline'], { pipeline: ['sourse'] }),
    ).toThrow('System "pipeline" needs "sourse", which nova.config.ts does not declare.');
  });
});

describe('systemNeeds', () => {
  it('reads the needs of the project configuration', () => {
    expect(systemNeeds(systems)).toMatchObject({ pipeline: ['pipeline-source'], iris: undefined });
  });
});
