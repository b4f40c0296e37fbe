import { describe, expect, it } from 'vitest';

import { cleanCsvRecord } from '../../systems-under-test/pipeline/src/jobs/csv-inbox.ts';
import { parseCsv } from '../../systems-under-test/pipeline/src/jobs/csv-parse.ts';

const HEADER = ['station_code', 'observed_at', 'temperature_c', 'humidity_pct'];

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
    ]);
  });

  it('keeps a line break inside quotes', () => {
    expect(parseCsv('a\n"one\ntwo"\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['one\ntwo'] },
    ]);
  });

  it('returns an unterminated quote as an error of its line', () => {
    expect(parseCsv('a,b\n1,2\n3,"4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: [], error: 'unterminated quoted field starting on line 3' },
    ]);
  });
});

describe('cleanCsvRecord', () => {
  it('trims, upper-cases and reads a decimal comma', () => {
    expect(cleanCsvRecord(HEADER, [' osl ', '2026-12-01T09:00:00+01:00', '-0,5', '79'], 3)).toEqual(
      {
        line: 3,
        stationCode: 'OSL',
        observedAt: '2026-12-01T08:00:00.000Z',
        temperatureC: -0.5,
        humidityPct: 79,
      },
    );
  });

  it.each([
    [['OSL', '2026-12-01T09:00:00+01:00', '3'], 'has 3 fields, the header has 4'],
    [
      ['OSLO', '2026-12-01T09:00:00+01:00', '3', '50'],
      'station_code "OSLO" is not a three-letter code',
    ],
    [
      ['OSL', '2026-12-01 09:00', '3', '50'],
      'observed_at "2026-12-01 09:00" is not an ISO 8601 time with a UTC offset',
    ],
    [['OSL', '2026-12-01T09:00:00Z', '61', '50'], 'temperature_c 61 is outside -90..60 °C'],
    [['OSL', '2026-12-01T09:00:00Z', '3', '-1'], 'humidity_pct -1 is outside 0..100'],
  ])('rejects %j', (fields, reason) => {
    expect(cleanCsvRecord(HEADER, fields, 2)).toBe(reason);
  });
});
