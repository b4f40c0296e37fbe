-- Results store, first schema. Runs on PostgreSQL 15 and on PGlite.
-- Timestamps are timestamptz; durations are milliseconds unless the column
-- name says otherwise. Ids are text, chosen by the writer, so replays upsert
-- the same rows instead of adding new ones.

-- One CI run; every shard of it upserts the same row.
CREATE TABLE runs (
  id text PRIMARY KEY,
  started_at timestamptz NOT NULL,
  git_commit text,
  git_branch text,
  ci_provider text,
  run_url text,
  environment jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX runs_started_at_idx ON runs (started_at DESC, id DESC);

-- One shard of a run; a run without --shard has shard 1 of 1.
CREATE TABLE run_shards (
  run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  shard_index integer NOT NULL CHECK (shard_index >= 1),
  shard_total integer NOT NULL CHECK (shard_total >= 1),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  status text CHECK (status IN ('passed', 'failed', 'timedout', 'interrupted')),
  expected integer,
  unexpected integer,
  flaky integer,
  skipped integer,
  PRIMARY KEY (run_id, shard_index)
);

-- A test across runs, identified by a hash of file, project and title path.
CREATE TABLE tests (
  id text PRIMARY KEY,
  file text NOT NULL,
  project text NOT NULL,
  title_path text[] NOT NULL,
  title text GENERATED ALWAYS AS (title_path[cardinality(title_path)]) STORED,
  tags text[] NOT NULL DEFAULT '{}',
  first_seen_at timestamptz NOT NULL DEFAULT now()
);

-- One attempt of one test in one run: retry 0 is the first, each retry adds one.
CREATE TABLE attempts (
  id text PRIMARY KEY,
  run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  test_id text NOT NULL REFERENCES tests (id) ON DELETE CASCADE,
  shard_index integer NOT NULL,
  retry integer NOT NULL CHECK (retry >= 0),
  repeat_each_index integer NOT NULL DEFAULT 0 CHECK (repeat_each_index >= 0),
  status text NOT NULL CHECK (status IN ('passed', 'failed', 'timedOut', 'skipped', 'interrupted')),
  expected_status text NOT NULL CHECK (expected_status IN ('passed', 'failed', 'timedOut', 'skipped', 'interrupted')),
  started_at timestamptz NOT NULL,
  duration_ms double precision NOT NULL,
  worker_index integer NOT NULL,
  error_message text,
  error_stack text,
  -- [{ "name", "contentType", "path", "sizeBytes" }]
  attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- [{ "type", "description" }], as Playwright reports them
  annotations jsonb NOT NULL DEFAULT '[]'::jsonb
);

-- A test's history (test history, flakiness, durations) reads by test, then run.
CREATE INDEX attempts_test_run_idx ON attempts (test_id, run_id);
CREATE INDEX attempts_run_idx ON attempts (run_id);

-- One screenshot comparison of the visual layer. attempt_id and test_id have
-- no foreign key, because the reporter writes attempts in batches and a
-- comparison may be stored before its attempt.
CREATE TABLE visual_comparisons (
  id text PRIMARY KEY,
  attempt_id text,
  run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  test_id text,
  baseline_name text NOT NULL,
  project text NOT NULL,
  status text NOT NULL CHECK (status IN ('match', 'mismatch', 'missing', 'size-changed')),
  width integer,
  height integer,
  baseline_width integer,
  baseline_height integer,
  diff_pixels integer,
  diff_ratio double precision,
  threshold double precision,
  -- [{ "x", "y", "width", "height", "kind": "shift" | "colour" | "missing" | "added" | "text" | "size", "score" }]
  regions jsonb NOT NULL DEFAULT '[]'::jsonb,
  actual_path text,
  expected_path text,
  diff_path text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX visual_comparisons_run_idx ON visual_comparisons (run_id);
CREATE INDEX visual_comparisons_test_idx ON visual_comparisons (test_id, created_at DESC);
CREATE INDEX visual_comparisons_baseline_idx ON visual_comparisons (project, baseline_name, created_at DESC);

-- One load test scenario's summary. run_id is null for a load test run
-- outside a Playwright run. Latencies are microseconds. requests and errors
-- are bigint, which pg returns as strings: cast them in SELECT when a number is needed.
CREATE TABLE load_summaries (
  id text PRIMARY KEY,
  run_id text REFERENCES runs (id) ON DELETE CASCADE,
  scenario text NOT NULL,
  system text NOT NULL,
  executor text NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms double precision NOT NULL,
  requests bigint NOT NULL,
  errors bigint NOT NULL,
  rps double precision NOT NULL,
  latency_p50_us double precision,
  latency_p90_us double precision,
  latency_p95_us double precision,
  latency_p99_us double precision,
  latency_max_us double precision,
  latency_avg_us double precision,
  -- { "<threshold expression>": { "pass": boolean, ... } }
  thresholds jsonb NOT NULL DEFAULT '{}'::jsonb,
  checks jsonb NOT NULL DEFAULT '{}'::jsonb,
  tags jsonb NOT NULL DEFAULT '{}'::jsonb,
  generator_cpu_percent double precision,
  -- False when the load generator was saturated, so the latencies measure it rather than the system.
  reliable boolean NOT NULL DEFAULT true,
  -- Encoded HDR histogram of the latencies.
  histogram bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX load_summaries_run_idx ON load_summaries (run_id);
CREATE INDEX load_summaries_scenario_idx ON load_summaries (system, scenario, started_at DESC);

-- A bug found by any layer, deduplicated by fingerprint, with its GitHub issue.
CREATE TABLE bugs (
  id text PRIMARY KEY,
  fingerprint text NOT NULL UNIQUE,
  title text NOT NULL,
  layer text NOT NULL,
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  github_issue_number integer,
  github_issue_url text,
  first_seen_run_id text REFERENCES runs (id) ON DELETE SET NULL,
  last_seen_run_id text REFERENCES runs (id) ON DELETE SET NULL,
  occurrences integer NOT NULL DEFAULT 0,
  consecutive_passes integer NOT NULL DEFAULT 0,
  flaky boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);

CREATE INDEX bugs_state_idx ON bugs (state, updated_at DESC);

-- Each time a bug was seen. attempt_id is null for a bug without a test
-- attempt, such as a failed load test threshold.
CREATE TABLE bug_occurrences (
  fingerprint text NOT NULL REFERENCES bugs (fingerprint) ON DELETE CASCADE,
  run_id text REFERENCES runs (id) ON DELETE CASCADE,
  attempt_id text,
  test_id text,
  message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (fingerprint, attempt_id)
);

CREATE INDEX bug_occurrences_run_idx ON bug_occurrences (run_id);
