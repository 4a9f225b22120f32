-- Load test: the loads by status.
SELECT status, count(*)
FROM loads
GROUP BY ALL
