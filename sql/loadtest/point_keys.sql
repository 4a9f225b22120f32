-- Load test: the keys of 500 measured 50090NED observations, spread by a
-- hash, for the point queries (point_observation.sql).
SELECT region_code, indicator, period, age_group
FROM observations
WHERE source = '50090NED' AND value IS NOT NULL
ORDER BY hash(region_code, indicator, period)
LIMIT 500
