import { describe, expect, it } from 'vitest';

import {
  FaultConfigError,
  loadFaults,
  type FaultEntry,
} from '../../systems-under-test/shared/faults.ts';

const catalogue: FaultEntry[] = [
  { id: 'iris.swapped-labels', kind: 'model', description: 'labels swapped', layer: 'api' },
  { id: 'iris.slow-predict', kind: 'performance', description: '20 ms extra', layer: 'load' },
];

describe('loadFaults', () => {
  it('switches nothing on when NOVA_FAULTS is unset', () => {
    const faults = loadFaults('iris', catalogue, {});

    expect(faults.active).toEqual([]);
    expect(faults.on('iris.swapped-labels')).toBe(false);
  });

  it('switches on its own faults and ignores those of other systems', () => {
    const faults = loadFaults('iris', catalogue, {
      NOVA_FAULTS: ' iris.slow-predict , pipeline.dropped-rows',
    });

    expect(faults.active).toEqual(['iris.slow-predict']);
    expect(faults.on('iris.slow-predict')).toBe(true);
    expect(faults.on('iris.swapped-labels')).toBe(false);
  });

  it('rejects an unknown fault of its own system, naming it and the known ones', () => {
    expect(() => loadFaults('iris', catalogue, { NOVA_FAULTS: 'iris.swaped-labels' })).toThrow(
      /"iris\.swaped-labels", which iris's faults\.json does not list\. Known faults of iris: iris\.swapped-labels, iris\.slow-predict/,
    );
  });

  it('refuses every fault in production mode', () => {
    expect(() =>
      loadFaults('iris', catalogue, { NOVA_FAULTS: 'iris.slow-predict', NODE_ENV: 'production' }),
    ).toThrow(FaultConfigError);
  });

  it('rejects a question about a fault that the catalogue lacks', () => {
    const faults = loadFaults('iris', catalogue, {});

    expect(() => faults.on('iris.missing')).toThrow(/not in iris's faults\.json/);
  });
});
