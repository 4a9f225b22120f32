-- Runs by job and status, with the last successful end per job and the
-- reports written: the service's Prometheus metrics.
SELECT job, status, count(*), max(finished_at) FILTER (WHERE status = 'ok'),
       coalesce(sum(reports), 0), coalesce(sum(epoch(finished_at - started_at)), 0)
FROM runs
GROUP BY ALL
ORDER BY 1, 2
