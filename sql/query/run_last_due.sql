-- The latest due time noted for a job (NULL: none). Parameter: the job.
SELECT max(scheduled_for) FROM store.run WHERE job = ?
