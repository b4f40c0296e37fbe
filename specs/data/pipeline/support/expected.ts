/**
 * Expected table contents after a clean load of
 * systems-under-test/pipeline/data/source-seed.json. They are computed here
 * without the pipeline's code: JavaScript's Date parses the UTC offsets, and
 * the unit conversions are the textbook ones.
 */
import { readFileSync } from 'node:fs';

import type { Row } from '../../../../framework/data/index.ts';

interface SeedRecord {
  id: string;
  station?: string;
  observed_at?: string;
  temperature_f?: string;
  wind_kmh?: number;
  precipitation_mm?: number;
  revision?: number;
}

interface SeedStation {
  code: string;
  name: string;
  city: string;
  country: string;
  elevation: string;
  opened_on: string;
}

export const SEED = JSON.parse(
  readFileSync(
    new URL('../../../../systems-under-test/pipeline/data/source-seed.json', import.meta.url),
    'utf8',
  ),
) as { stations: SeedStation[]; readings: SeedRecord[] };

/** The seed's malformed records and the reason the pipeline must quarantine each with. */
export const MALFORMED_READINGS: Record<string, string> = {
  'obs-0245': 'station is missing',
  'obs-0246': 'observed_at "29/11/2026 13:00" is not an ISO 8601 time with a UTC offset',
  'obs-0247': 'temperature_f "n/a" is not a number',
  'obs-0248': 'wind_kmh -4 is negative',
  'obs-0249': 'temperature_f 451 is outside -130..140 °F',
  'obs-0250': 'station "Oslo" is not a three-letter upper-case code',
};

export const STATION_CODES = ['OSL', 'NYC', 'DEL', 'SYD', 'REK', 'LPB'];

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Rows of `readings` after a clean load of the first `recordCount` records
 * (all by default): one per station and hour, the highest revision kept.
 */
export function expectedReadings(recordCount = SEED.readings.length): Row[] {
  const byKey = new Map<string, Row>();
  for (const record of SEED.readings.slice(0, recordCount)) {
    if (record.id in MALFORMED_READINGS) continue;
    const observedAt = new Date(record.observed_at!).toISOString();
    const key = `${record.station}|${observedAt}`;
    const kept = byKey.get(key);
    if (kept !== undefined && (kept.revision as number) > (record.revision ?? 1)) continue;
    byKey.set(key, {
      station_code: record.station,
      observed_at: observedAt,
      temperature_c: round2(((Number(record.temperature_f) - 32) * 5) / 9),
      wind_speed_ms: round2(record.wind_kmh! / 3.6),
      precipitation_mm: record.precipitation_mm,
      source_id: record.id,
      revision: record.revision ?? 1,
    });
  }
  return [...byKey.values()];
}

/** Rows of `stations` after a scrape: every station of the site but the one without an elevation. */
export function expectedStations(): Row[] {
  return SEED.stations
    .filter((station) => station.elevation !== 'unknown')
    .map((station) => ({
      code: station.code,
      name: station.name,
      city: station.city,
      country: station.country,
      elevation_m: Number(station.elevation.replace(/[ m,]/g, '')),
      opened_on: station.opened_on,
    }));
}

/** Quarantine rows of the API load and the scrape, without run ids and times. */
export function expectedLoadQuarantine(): Row[] {
  return [
    ...Object.entries(MALFORMED_READINGS).map(([id, reason]) => ({
      source: 'api',
      source_ref: id,
      reason,
    })),
    { source: 'site', source_ref: 'XXX', reason: 'elevation "unknown" is not a number of metres' },
  ];
}

/** Columns of `readings` compared with a clean load; loaded_at differs by nature. */
export const READING_COLUMNS = `station_code, to_char(observed_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS observed_at,
  temperature_c, wind_speed_ms, precipitation_mm, source_id, revision`;

/** Offset of the next record from a source cursor, which encodes `{"o":<offset>}` in base64url. */
export function cursorOffset(cursor: string | null): number {
  if (cursor === null) return 0;
  return (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: number }).o;
}
