/**
 * Writes data/source-seed.json, the fixed content of the source service:
 * weather stations and their hourly readings as an open-data API would
 * publish them, with a few malformed records and revised duplicates on
 * purpose. Run again only to change the data: specs read the committed file.
 *
 *   npx tsx systems-under-test/pipeline/src/source/generate-seed-cli.ts
 */
import { writeFileSync } from 'node:fs';

import { mulberry32 } from './prng.ts';

interface StationSeed {
  code: string;
  name: string;
  city: string;
  country: string;
  elevation: string;
  opened_on: string;
  /** UTC offset the station publishes its local times in. */
  utc_offset: string;
}

const STATIONS: StationSeed[] = [
  {
    code: 'OSL',
    name: 'Oslo Blindern',
    city: 'Oslo',
    country: 'NO',
    elevation: '94 m',
    opened_on: '1937-01-01',
    utc_offset: '+01:00',
  },
  {
    code: 'NYC',
    name: 'Central Park',
    city: 'New York',
    country: 'US',
    elevation: '40 m',
    opened_on: '1869-01-01',
    utc_offset: '-05:00',
  },
  {
    code: 'DEL',
    name: 'Safdarjung',
    city: 'New Delhi',
    country: 'IN',
    elevation: '216 m',
    opened_on: '1931-06-01',
    utc_offset: '+05:30',
  },
  {
    code: 'SYD',
    name: 'Observatory Hill',
    city: 'Sydney',
    country: 'AU',
    elevation: '39 m',
    opened_on: '1858-07-01',
    utc_offset: '+11:00',
  },
  {
    code: 'REK',
    name: 'Reykjavik',
    city: 'Reykjavik',
    country: 'IS',
    elevation: '52 m',
    opened_on: '1920-01-01',
    utc_offset: 'Z',
  },
  {
    code: 'LPB',
    name: 'El Alto',
    city: 'La Paz',
    country: 'BO',
    elevation: '4,061 m',
    opened_on: '1942-03-15',
    utc_offset: '-04:00',
  },
];

const HOURS = 40;
const START_UTC = Date.UTC(2026, 10, 29, 0, 0, 0);

/** Formats a UTC instant as local time with the station's offset, as the source publishes it. */
function localIso(utcMs: number, offset: string): string {
  if (offset === 'Z') return new Date(utcMs).toISOString().replace('.000Z', 'Z');
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(utcMs + sign * (hours * 60 + minutes) * 60_000);
  return local.toISOString().slice(0, 19) + offset;
}

const random = mulberry32(20261204);
const readings: Record<string, unknown>[] = [];
let sequence = 0;
const nextId = () => `obs-${String(++sequence).padStart(4, '0')}`;

for (let hour = 0; hour < HOURS; hour++) {
  for (const [index, station] of STATIONS.entries()) {
    const utcMs = START_UTC + hour * 3_600_000;
    const celsius = -8 + index * 5 + 6 * Math.sin((hour / 24) * 2 * Math.PI) + random() * 2;
    readings.push({
      id: nextId(),
      station: station.code,
      observed_at: localIso(utcMs, station.utc_offset),
      temperature_f: (celsius * 1.8 + 32).toFixed(1),
      wind_kmh: Math.round(random() * 400) / 10,
      precipitation_mm: random() < 0.7 ? 0 : Math.round(random() * 80) / 10,
      revision: 1,
    });
  }
}

// Revised duplicates: the same station and time again, later in the feed, with revision 2.
for (const target of [7, 55, 130, 201]) {
  const original = readings[target] as Record<string, unknown>;
  readings.splice(target + 23, 0, {
    ...original,
    id: nextId(),
    temperature_f: (Number(original.temperature_f) + 1.8).toFixed(1),
    revision: 2,
  });
}
// An exact repeat of a record, as feeds do when a page boundary shifts.
readings.splice(90, 0, { ...(readings[60] as Record<string, unknown>) });

// Malformed records, each with one defect a loader must catch.
const malformed: [number, Record<string, unknown>][] = [
  [
    15,
    {
      id: nextId(),
      observed_at: '2026-11-29T12:00:00Z',
      temperature_f: '40.1',
      wind_kmh: 3,
      precipitation_mm: 0,
      revision: 1,
    },
  ],
  [
    48,
    {
      id: nextId(),
      station: 'OSL',
      observed_at: '29/11/2026 13:00',
      temperature_f: '33.0',
      wind_kmh: 3,
      precipitation_mm: 0,
      revision: 1,
    },
  ],
  [
    99,
    {
      id: nextId(),
      station: 'NYC',
      observed_at: '2026-11-29T14:00:00-05:00',
      temperature_f: 'n/a',
      wind_kmh: 3,
      precipitation_mm: 0,
      revision: 1,
    },
  ],
  [
    150,
    {
      id: nextId(),
      station: 'SYD',
      observed_at: '2026-11-30T03:00:00+11:00',
      temperature_f: '80.2',
      wind_kmh: -4,
      precipitation_mm: 0,
      revision: 1,
    },
  ],
  [
    180,
    {
      id: nextId(),
      station: 'DEL',
      observed_at: '2026-11-30T09:30:00+05:30',
      temperature_f: '451.0',
      wind_kmh: 5,
      precipitation_mm: 0,
      revision: 1,
    },
  ],
  [
    230,
    {
      id: nextId(),
      station: 'Oslo',
      observed_at: '2026-11-30T10:00:00Z',
      temperature_f: '50.0',
      wind_kmh: 5,
      precipitation_mm: 0,
      revision: 1,
    },
  ],
];
for (const [position, record] of malformed) readings.splice(position, 0, record);

const sitePages = STATIONS.map(({ utc_offset: _offset, ...station }) => station);
// A station whose elevation the site shows as unknown: the scraper must quarantine it.
sitePages.push({
  code: 'XXX',
  name: 'Decommissioned',
  city: 'Nowhere',
  country: 'ZZ',
  elevation: 'unknown',
  opened_on: '1900-01-01',
});

writeFileSync(
  new URL('../../data/source-seed.json', import.meta.url),
  JSON.stringify(
    {
      stations: sitePages,
      utcOffsets: Object.fromEntries(STATIONS.map((s) => [s.code, s.utc_offset])),
      readings,
    },
    null,
    1,
  ) + '\n',
);
process.stdout.write(`wrote ${readings.length} readings and ${sitePages.length} stations\n`);
