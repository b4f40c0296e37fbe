-- Load test history: the machine label that runs are compared on, the
-- profile (a full run or its short smoke version, never compared with each
-- other), the link to the test attempt that ran a smoke version, and the
-- figures of the summary that 0001 has no column for.
ALTER TABLE load_summaries
  ADD COLUMN machine text NOT NULL DEFAULT '',
  ADD COLUMN profile text NOT NULL DEFAULT 'full' CHECK (profile IN ('full', 'smoke')),
  ADD COLUMN test_id text,
  ADD COLUMN attempt_id text,
  ADD COLUMN latency_p999_us double precision,
  ADD COLUMN throughput_bytes_per_s double precision,
  -- { "200": 1180, "503": 2 }
  ADD COLUMN status_codes jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- { "status 503": 2, "timeout": 1, "ECONNRESET": 1 }
  ADD COLUMN errors_by_kind jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN dropped_iterations bigint NOT NULL DEFAULT 0,
  -- Generators whose histograms were merged into this summary.
  ADD COLUMN generators integer NOT NULL DEFAULT 1 CHECK (generators >= 1);

-- History reads the newest runs of one scenario on one machine.
CREATE INDEX load_summaries_history_idx
  ON load_summaries (system, scenario, profile, machine, started_at DESC);
