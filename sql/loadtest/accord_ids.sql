-- Load test: the accords with metrics, for point_accord.sql.
SELECT DISTINCT accord_id
FROM accord_metrics
ORDER BY 1
