-- Starts a run of a job. Parameters: job, due time (NULL: by hand), start, attempt.
INSERT INTO store.run (run_id, job, scheduled_for, started_at, status, attempt)
VALUES (nextval('store.run_id_seq'), ?, ?, ?, 'running', ?)
RETURNING run_id
