import { describe, expect, it } from 'vitest';

import {
  CUSTOMER_COUNT,
  generateDataset,
} from '../../systems-under-test/dashboard/src/data/dataset.ts';
import {
  firstReadings,
  SPIKE_EVERY,
  SPIKE_OFFSET,
} from '../../systems-under-test/dashboard/src/views/live-sensor.ts';

describe('seeded data set', () => {
  const data = generateDataset();

  it('is the same for the same seed', () => {
    expect(JSON.stringify(generateDataset())).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDataset(7))).not.toBe(JSON.stringify(data));
  });

  it('has its documented shape', () => {
    expect(data.customers).toHaveLength(CUSTOMER_COUNT);
    // 180 days times 3 segments.
    expect(data.daily).toHaveLength(540);
    expect(data.daily[0]!.date).toBe('2026-01-01');
    expect(data.daily.at(-1)!.date).toBe('2026-06-29');
    const missingAge = data.customers.filter((customer) => customer.age === null).length;
    // About 5% of ages are missing: between 2% and 8% of 900.
    expect(missingAge).toBeGreaterThan(18);
    expect(missingAge).toBeLessThan(72);
  });

  it('converted matches orders', () => {
    for (const customer of data.customers) {
      expect(customer.converted).toBe(customer.orders > 0 ? 1 : 0);
    }
  });
});

describe('sensor stream', () => {
  it('flags each injected spike', () => {
    const readings = firstReadings('line-1', 20_260_101, 200);
    const flagged = readings.filter((reading) => reading.anomaly).map((reading) => reading.index);

    const spikes = [0, 1, 2, 3].map((step) => SPIKE_OFFSET + step * SPIKE_EVERY);
    expect(flagged).toEqual(spikes);
  });

  it('has no score until the window is full', () => {
    const readings = firstReadings('line-2', 20_260_101, 31);

    expect(readings[29]!.z).toBeNull();
    expect(readings[30]!.z).not.toBeNull();
  });
});
