/**
 * Tables of the pipeline. Every statement is idempotent, so the schema is
 * applied on each start. Times are `timestamptz` and sessions run in UTC.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS pipeline_runs (
  run_id text PRIMARY KEY,
  job text NOT NULL,
  trigger text NOT NULL,
  status text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  rows_read integer NOT NULL DEFAULT 0,
  rows_written integer NOT NULL DEFAULT 0,
  rows_quarantined integer NOT NULL DEFAULT 0,
  error text
);
CREATE INDEX IF NOT EXISTS pipeline_runs_job_started ON pipeline_runs (job, started_at DESC);

CREATE TABLE IF NOT EXISTS job_checkpoints (
  job text PRIMARY KEY,
  cursor text,
  updated_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS stations (
  code text PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL,
  country text NOT NULL,
  -- Nullable like many scraped columns: the data checks, not the schema, catch a missing elevation.
  elevation_m integer,
  opened_on date NOT NULL,
  scraped_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS readings (
  station_code text NOT NULL,
  observed_at timestamptz NOT NULL,
  temperature_c double precision NOT NULL,
  wind_speed_ms double precision NOT NULL,
  precipitation_mm double precision NOT NULL,
  source_id text NOT NULL,
  revision integer NOT NULL,
  loaded_at timestamptz NOT NULL,
  PRIMARY KEY (station_code, observed_at)
);

CREATE TABLE IF NOT EXISTS quarantine (
  source text NOT NULL,
  source_ref text NOT NULL,
  reason text NOT NULL,
  raw text NOT NULL,
  run_id text,
  quarantined_at timestamptz NOT NULL,
  PRIMARY KEY (source, source_ref)
);

CREATE TABLE IF NOT EXISTS csv_files (
  content_hash text PRIMARY KEY,
  file_name text NOT NULL,
  rows_loaded integer NOT NULL,
  rows_quarantined integer NOT NULL,
  duplicates_seen integer NOT NULL DEFAULT 0,
  processed_at timestamptz NOT NULL,
  archived_as text NOT NULL
);

CREATE TABLE IF NOT EXISTS csv_readings (
  content_hash text NOT NULL REFERENCES csv_files (content_hash),
  line_no integer NOT NULL,
  station_code text NOT NULL,
  observed_at timestamptz NOT NULL,
  temperature_c double precision NOT NULL,
  humidity_pct double precision NOT NULL,
  PRIMARY KEY (content_hash, line_no)
);

CREATE TABLE IF NOT EXISTS sensor_events (
  event_id text PRIMARY KEY,
  device_id text NOT NULL,
  event_time timestamptz NOT NULL,
  value double precision NOT NULL,
  received_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS sensor_minute_aggregates (
  device_id text NOT NULL,
  window_start timestamptz NOT NULL,
  event_count integer NOT NULL,
  value_sum double precision NOT NULL,
  value_mean double precision NOT NULL,
  value_max double precision NOT NULL,
  PRIMARY KEY (device_id, window_start)
);
`;

/** Every table of the schema, for `--fresh`. */
export const ALL_TABLES = [
  'pipeline_runs',
  'job_checkpoints',
  'stations',
  'readings',
  'quarantine',
  'csv_files',
  'csv_readings',
  'sensor_events',
  'sensor_minute_aggregates',
] as const;

/** Tables whose row counts the status API reports. */
export const DATA_TABLES = [
  'stations',
  'readings',
  'csv_files',
  'csv_readings',
  'sensor_events',
  'sensor_minute_aggregates',
  'quarantine',
  'pipeline_runs',
] as const;
