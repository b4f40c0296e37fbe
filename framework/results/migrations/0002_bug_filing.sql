-- Bug filing: issue drafts, the lock that keeps concurrent filers from
-- opening two issues for one fingerprint, and what each run did to a bug.

ALTER TABLE bugs ADD COLUMN body text;
ALTER TABLE bugs ADD COLUMN labels text[] NOT NULL DEFAULT '{}';
-- The labels the issue had after the last sync, to add and remove only the difference.
ALTER TABLE bugs ADD COLUMN github_labels text[];
ALTER TABLE bugs ADD COLUMN github_repo text;
ALTER TABLE bugs ADD COLUMN github_state text CHECK (github_state IN ('open', 'closed'));
ALTER TABLE bugs ADD COLUMN closed_by_run_id text;
-- A filer holds the lock while it talks to GitHub about this bug. It expires,
-- so that a filer that crashed cannot block the bug for good.
ALTER TABLE bugs ADD COLUMN lock_owner text;
ALTER TABLE bugs ADD COLUMN lock_expires_at timestamptz;

ALTER TABLE bug_occurrences ADD COLUMN retry integer;
-- `file › describe › title (project)`, for comments that list the failed tests.
ALTER TABLE bug_occurrences ADD COLUMN test_path text;
-- True when the test passed on a later retry of the same run.
ALTER TABLE bug_occurrences ADD COLUMN flaky boolean NOT NULL DEFAULT false;

-- What one run did to one bug: it was seen (with its occurrences in that
-- run and the issue comment about them), or the bug's tests passed. A run
-- counts once per bug, whatever the number of shards that report it.
CREATE TABLE bug_runs (
  fingerprint text NOT NULL REFERENCES bugs (fingerprint) ON DELETE CASCADE,
  run_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('seen', 'passed')),
  occurrences integer NOT NULL DEFAULT 0,
  -- Id of the issue comment about this run; 0 when the issue body itself describes the run.
  comment_id bigint,
  -- The occurrence count that the comment shows, to update it when a later shard adds more.
  commented_occurrences integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (fingerprint, run_id)
);

CREATE INDEX bug_runs_run_idx ON bug_runs (run_id);
CREATE INDEX bug_occurrences_test_idx ON bug_occurrences (fingerprint, test_id);
