import { describe, expect, it } from 'vitest';

import { retryAfterMs } from '../../systems-under-test/pipeline/src/jobs/http-fetch.ts';
import {
  parseElevation,
  parseStationRows,
} from '../../systems-under-test/pipeline/src/jobs/scraper.ts';
import { decodeCursor, encodeCursor } from '../../systems-under-test/pipeline/src/source/cursor.ts';
import { renderStationPage } from '../../systems-under-test/pipeline/src/source/site.ts';
import { readSeed } from '../../systems-under-test/pipeline/src/source/seed.ts';
import {
  ANALYSIS_QUERIES,
  bindParameters,
} from '../../systems-under-test/pipeline/src/status/analysis.ts';

describe('source cursors', () => {
  it('round-trips an offset', () => {
    expect(decodeCursor(encodeCursor(140))).toBe(140);
  });

  it('rejects cursors it did not issue', () => {
    expect(decodeCursor('not-issued')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"o":-1}').toString('base64url'))).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Fri, 04 Dec 2026 10:00:05 GMT', Date.parse('2026-12-04T10:00:00Z'))).toBe(
      5000,
    );
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('scraper parsing', () => {
  it('reads elevations with a thousands separator', () => {
    expect(parseElevation('4,061 m')).toBe(4061);
    expect(parseElevation('unknown')).toBeUndefined();
  });

  it('reads the rows and the next link of a rendered page', () => {
    const stations = readSeed().stations;

    const page = parseStationRows(renderStationPage(stations, 3));

    expect(page.rows).toEqual([
      {
        code: 'REK',
        name: 'Reykjavik',
        city: 'Reykjavik',
        country: 'IS',
        elevationM: 52,
        openedOn: '1920-01-01',
      },
      {
        code: 'LPB',
        name: 'El Alto',
        city: 'La Paz',
        country: 'BO',
        elevationM: 4061,
        openedOn: '1942-03-15',
      },
    ]);
    expect(page.next).toBe('/site/stations?page=4');
  });
});

describe('bindParameters', () => {
  const warmest = ANALYSIS_QUERIES.find((query) => query.name === 'warmest-hours')!;

  it('fills defaults and converts integers', () => {
    expect(bindParameters(warmest, {})).toEqual([3, null]);
    expect(bindParameters(warmest, { n: '5', station: 'OSL' })).toEqual([5, 'OSL']);
  });

  it('rejects unknown and invalid parameters', () => {
    expect(() => bindParameters(warmest, { top: '5' })).toThrow(
      'Query "warmest-hours" has no parameter "top"; its parameters: n, station.',
    );
    expect(() => bindParameters(warmest, { n: '0' })).toThrow(
      'n must be an integer from 1 to 50, received "0".',
    );
    expect(() => bindParameters(warmest, { station: "OSL' OR 1=1" })).toThrow(/three-letter/);
  });
});
