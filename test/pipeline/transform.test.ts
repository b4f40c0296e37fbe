import { describe, expect, it } from 'vitest';

import {
  dedupeByNaturalKey,
  toUtc,
  transformReading,
} from '../../systems-under-test/pipeline/src/jobs/transform.ts';

const record = {
  id: 'obs-1',
  station: 'DEL',
  observed_at: '2026-11-30T09:30:00+05:30',
  temperature_f: '50.0',
  wind_kmh: 36,
  precipitation_mm: 1.2,
  revision: 1,
};

describe('toUtc', () => {
  it('applies positive, negative and zero offsets', () => {
    expect(toUtc('2026-11-30T09:30:00+05:30')).toBe('2026-11-30T04:00:00.000Z');
    expect(toUtc('2026-11-28T19:00:00-05:00')).toBe('2026-11-29T00:00:00.000Z');
    expect(toUtc('2026-11-29T12:00:00Z')).toBe('2026-11-29T12:00:00.000Z');
  });

  it('rejects a time without offset or an impossible date', () => {
    expect(toUtc('2026-11-29T12:00:00')).toBeUndefined();
    expect(toUtc('2026-02-30T12:00:00Z')).toBeUndefined();
    expect(toUtc('29/11/2026 13:00')).toBeUndefined();
  });
});

describe('transformReading', () => {
  it('converts units and time', () => {
    expect(transformReading(record)).toEqual({
      ok: true,
      row: {
        stationCode: 'DEL',
        observedAt: '2026-11-30T04:00:00.000Z',
        temperatureC: 10,
        windSpeedMs: 10,
        precipitationMm: 1.2,
        sourceId: 'obs-1',
        revision: 1,
      },
    });
  });

  it.each([
    [{ station: undefined }, 'station is missing'],
    [{ station: 'del' }, 'station "del" is not a three-letter upper-case code'],
    [{ temperature_f: 'n/a' }, 'temperature_f "n/a" is not a number'],
    [{ temperature_f: '451.0' }, 'temperature_f 451 is outside -130..140 °F'],
    [{ wind_kmh: -1 }, 'wind_kmh -1 is negative'],
    [{ revision: 0 }, 'revision 0 is not a positive integer'],
  ])('rejects %j', (change, reason) => {
    expect(transformReading({ ...record, ...change })).toEqual({ ok: false, reason });
  });
});

describe('dedupeByNaturalKey', () => {
  it('keeps the highest revision per station and time', () => {
    const first = transformReading(record);
    const revised = transformReading({
      ...record,
      id: 'obs-2',
      temperature_f: '52.0',
      revision: 2,
    });
    if (!first.ok || !revised.ok) throw new Error('fixture records must be valid');

    expect(dedupeByNaturalKey([revised.row, first.row])).toEqual([revised.row]);
  });
});
