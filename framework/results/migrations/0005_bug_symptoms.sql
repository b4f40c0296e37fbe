-- A bug holds one or more symptoms: the fingerprints of the failures filed
-- under it. Symptoms that first appear together in one run on one system
-- are one bug, and a symptom keeps its bug in every later run.

CREATE TABLE bug_symptoms (
  symptom text PRIMARY KEY,
  fingerprint text NOT NULL REFERENCES bugs (fingerprint) ON DELETE CASCADE,
  -- The group of new observations the symptom was filed with (`iris`, `iris:network`); null for
  -- a symptom filed as a bug of its own.
  group_key text,
  first_seen_run_id text
);

-- Shards of one run look up the bugs that the run has filed for a group.
CREATE INDEX bug_symptoms_run_idx ON bug_symptoms (first_seen_run_id, group_key);

CREATE INDEX bug_symptoms_bug_idx ON bug_symptoms (fingerprint);

-- Until now each bug held exactly one symptom: its own fingerprint.
INSERT INTO bug_symptoms (symptom, fingerprint, first_seen_run_id)
SELECT fingerprint, fingerprint, first_seen_run_id FROM bugs;
