-- The newest runs, newest first. Parameter: how many.
SELECT run_id, job, scheduled_for, started_at, finished_at, status, attempt, coalesce(error, ''),
       coalesce(loads, 0), round, coalesce(reports, 0)
FROM runs
ORDER BY run_id DESC
LIMIT ?
