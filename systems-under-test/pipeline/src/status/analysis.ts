/**
 * Named analysis queries over the loaded data, served by the status API.
 * Each is one SQL statement with CTEs and window functions; parameters are
 * validated here and bound, never spliced into the SQL.
 */
export interface AnalysisParameter {
  name: string;
  description: string;
  type: 'integer' | 'station';
  default: number | null;
  min?: number;
  max?: number;
}

export interface AnalysisQuery {
  name: string;
  description: string;
  parameters: AnalysisParameter[];
  sql: string;
}

const STATION: AnalysisParameter = {
  name: 'station',
  description: 'Three-letter station code; all stations when absent.',
  type: 'station',
  default: null,
};

export const ANALYSIS_QUERIES: AnalysisQuery[] = [
  {
    name: 'warmest-hours',
    description: 'The N warmest readings of each station (top N per group), with their rank.',
    parameters: [
      {
        name: 'n',
        description: 'Readings per station.',
        type: 'integer',
        default: 3,
        min: 1,
        max: 50,
      },
      STATION,
    ],
    sql: `WITH ranked AS (
        SELECT station_code, observed_at, temperature_c,
               ROW_NUMBER() OVER (PARTITION BY station_code ORDER BY temperature_c DESC, observed_at) AS rank
        FROM readings
        WHERE $2::text IS NULL OR station_code = $2
      )
      SELECT station_code, to_char(observed_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS observed_at, temperature_c, rank::integer AS rank
      FROM ranked WHERE rank <= $1
      ORDER BY station_code, rank`,
  },
  {
    name: 'daily-precipitation',
    description: 'Precipitation per station and UTC day, with the running total over the days.',
    parameters: [STATION],
    sql: `WITH daily AS (
        SELECT station_code, (observed_at AT TIME ZONE 'UTC')::date AS day, SUM(precipitation_mm) AS precipitation_mm
        FROM readings
        WHERE $1::text IS NULL OR station_code = $1
        GROUP BY station_code, (observed_at AT TIME ZONE 'UTC')::date
      )
      SELECT station_code, to_char(day, 'YYYY-MM-DD') AS day, ROUND(precipitation_mm::numeric, 2)::float8 AS precipitation_mm,
             ROUND(SUM(precipitation_mm) OVER (PARTITION BY station_code ORDER BY day)::numeric, 2)::float8 AS running_total_mm
      FROM daily ORDER BY station_code, day`,
  },
  {
    name: 'daily-temperature-change',
    description:
      'Mean temperature per station and UTC day, and its change from the previous day (period over period).',
    parameters: [STATION],
    sql: `WITH daily AS (
        SELECT station_code, (observed_at AT TIME ZONE 'UTC')::date AS day, AVG(temperature_c) AS mean_c, COUNT(*) AS readings
        FROM readings
        WHERE $1::text IS NULL OR station_code = $1
        GROUP BY station_code, (observed_at AT TIME ZONE 'UTC')::date
      )
      SELECT station_code, to_char(day, 'YYYY-MM-DD') AS day, readings::integer AS readings,
             ROUND(mean_c::numeric, 2)::float8 AS mean_c,
             ROUND((mean_c - LAG(mean_c) OVER (PARTITION BY station_code ORDER BY day))::numeric, 2)::float8 AS change_c
      FROM daily ORDER BY station_code, day`,
  },
  {
    name: 'busiest-devices',
    description: 'Devices ranked by sensor events, with their busiest minute.',
    parameters: [
      { name: 'n', description: 'Devices to list.', type: 'integer', default: 5, min: 1, max: 100 },
    ],
    sql: `WITH per_device AS (
        SELECT device_id, SUM(event_count) AS events, MAX(value_max) AS value_max,
               (ARRAY_AGG(window_start ORDER BY event_count DESC, window_start))[1] AS busiest_minute
        FROM sensor_minute_aggregates GROUP BY device_id
      ), ranked AS (
        SELECT per_device.*, DENSE_RANK() OVER (ORDER BY events DESC) AS rank FROM per_device
      )
      SELECT device_id, events::integer AS events, value_max,
             to_char(busiest_minute, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS busiest_minute, rank::integer AS rank
      FROM ranked WHERE rank <= $1 ORDER BY rank, device_id`,
  },
];

export class AnalysisParameterError extends Error {
  override readonly name = 'AnalysisParameterError';
}

/** Turns query-string values into the statement's bound parameters, in declaration order. */
export function bindParameters(
  query: AnalysisQuery,
  values: Record<string, string | undefined>,
): unknown[] {
  const known = new Set(query.parameters.map((parameter) => parameter.name));
  const unknown = Object.keys(values).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AnalysisParameterError(
      `Query "${query.name}" has no parameter ${unknown.map((name) => `"${name}"`).join(', ')}; its parameters: ${[...known].join(', ') || 'none'}.`,
    );
  }

  return query.parameters.map((parameter) => {
    const text = values[parameter.name];
    if (text === undefined) return parameter.default;
    if (parameter.type === 'station') {
      if (!/^[A-Z]{3}$/.test(text))
        throw new AnalysisParameterError(
          `station must be a three-letter upper-case code such as OSL, received "${text}".`,
        );
      return text;
    }
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (
      !Number.isSafeInteger(value) ||
      value < (parameter.min ?? 0) ||
      value > (parameter.max ?? Number.MAX_SAFE_INTEGER)
    ) {
      throw new AnalysisParameterError(
        `${parameter.name} must be an integer from ${parameter.min} to ${parameter.max}, received "${text}".`,
      );
    }
    return value;
  });
}
