-- The visual layer also writes an annotated image (the actual capture with
-- numbered boxes coloured by the kind of each change), and its region kinds
-- are 'added', 'removed', 'colour', 'shift', 'text' and 'size'.
ALTER TABLE visual_comparisons ADD COLUMN annotated_path text;

-- Lets `attempt → comparisons` read without a scan of the run.
CREATE INDEX visual_comparisons_attempt_idx ON visual_comparisons (attempt_id);
