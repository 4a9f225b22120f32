-- Rows brought by loads that were written: the service's rows-loaded metric.
SELECT coalesce(sum(rows), 0) FROM loads WHERE status <> 'failed' AND status <> 'unchanged'
