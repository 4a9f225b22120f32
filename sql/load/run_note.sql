-- Notes a run that did not start: skipped (the job was still running) or
-- missed (lpa serve was down). Parameters: job, due time, status, error.
INSERT INTO store.run (run_id, job, scheduled_for, status, attempt, error)
VALUES (nextval('store.run_id_seq'), ?, ?, ?, 1, ?)
