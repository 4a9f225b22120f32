-- Load test: the metrics per accord.
SELECT accord_id, count(*) AS n
FROM accord_metrics
GROUP BY ALL
ORDER BY ALL
