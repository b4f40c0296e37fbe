/**
 * Turns a record of the source API into a row of `readings`: types checked,
 * Fahrenheit to Celsius, km/h to m/s, local time with offset to UTC.
 */
import { faults } from '../faults.ts';

export interface ReadingRow {
  stationCode: string;
  /** UTC, ISO 8601 with milliseconds and `Z`. */
  observedAt: string;
  temperatureC: number;
  windSpeedMs: number;
  precipitationMm: number;
  sourceId: string;
  revision: number;
}

export type TransformResult = { ok: true; row: ReadingRow } | { ok: false; reason: string };

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Plausible range of air temperature in °F (the records on Earth are about -129 and 134). */
const FAHRENHEIT_RANGE = [-130, 140] as const;

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Parses ISO 8601 local time with a UTC offset into a UTC instant; undefined when it is not one. */
export function toUtc(text: string): string | undefined {
  const match = ISO_WITH_OFFSET.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, offset] = match as unknown as string[];
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(local) || new Date(local).getUTCDate() !== Number(day)) return undefined;

  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const sign = offset!.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(offset!.slice(1, 3)) * 60 + Number(offset!.slice(4, 6)));
  }
  // Seeded fault pipeline.timezone-shift: the offset is ignored and local time is stored as UTC.
  if (faults.on('pipeline.timezone-shift')) offsetMinutes = 0;

  return new Date(local - offsetMinutes * 60_000).toISOString();
}

function numberField(record: Record<string, unknown>, field: string): number | string {
  const value = record[field];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value === undefined
    ? `${field} is missing`
    : `${field} ${JSON.stringify(value)} is not a number`;
}

export function transformReading(record: Record<string, unknown>): TransformResult {
  const fail = (reason: string): TransformResult => ({ ok: false, reason });

  if (typeof record.id !== 'string' || record.id === '') return fail('id is missing');
  if (record.station === undefined) return fail('station is missing');
  if (typeof record.station !== 'string' || !/^[A-Z]{3}$/.test(record.station)) {
    return fail(`station ${JSON.stringify(record.station)} is not a three-letter upper-case code`);
  }
  if (typeof record.observed_at !== 'string') return fail('observed_at is missing');
  const observedAt = toUtc(record.observed_at);
  if (observedAt === undefined) {
    return fail(
      `observed_at ${JSON.stringify(record.observed_at)} is not an ISO 8601 time with a UTC offset`,
    );
  }

  const fahrenheit = numberField(record, 'temperature_f');
  if (typeof fahrenheit === 'string') return fail(fahrenheit);
  if (fahrenheit < FAHRENHEIT_RANGE[0] || fahrenheit > FAHRENHEIT_RANGE[1]) {
    return fail(
      `temperature_f ${fahrenheit} is outside ${FAHRENHEIT_RANGE[0]}..${FAHRENHEIT_RANGE[1]} °F`,
    );
  }
  const wind = numberField(record, 'wind_kmh');
  if (typeof wind === 'string') return fail(wind);
  if (wind < 0) return fail(`wind_kmh ${wind} is negative`);
  const precipitation = numberField(record, 'precipitation_mm');
  if (typeof precipitation === 'string') return fail(precipitation);
  if (precipitation < 0) return fail(`precipitation_mm ${precipitation} is negative`);
  const revision = record.revision ?? 1;
  if (!Number.isSafeInteger(revision) || (revision as number) < 1) {
    return fail(`revision ${JSON.stringify(revision)} is not a positive integer`);
  }

  return {
    ok: true,
    row: {
      stationCode: record.station,
      observedAt,
      temperatureC: round2(((fahrenheit - 32) * 5) / 9),
      windSpeedMs: round2(wind / 3.6),
      precipitationMm: precipitation,
      sourceId: record.id,
      revision: revision as number,
    },
  };
}

/** Keeps one row per natural key (station, time): the highest revision, and of equal ones the last. */
export function dedupeByNaturalKey(rows: ReadingRow[]): ReadingRow[] {
  const byKey = new Map<string, ReadingRow>();
  for (const row of rows) {
    const key = `${row.stationCode}|${row.observedAt}`;
    const kept = byKey.get(key);
    if (kept === undefined || row.revision >= kept.revision) byKey.set(key, row);
  }
  return [...byKey.values()];
}
