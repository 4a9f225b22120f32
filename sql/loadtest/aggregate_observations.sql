-- Load test: an aggregate over every observation, as an analyst's
-- dashboard query does.
SELECT source, region_level, period, count(*) AS n, avg(value) AS mean
FROM observations
GROUP BY ALL
ORDER BY ALL
