-- Load test: the range of each indicator over the gemeenten.
SELECT indicator, min(value), max(value), avg(value)
FROM observations
WHERE region_level = 'gemeente'
GROUP BY ALL
ORDER BY ALL
