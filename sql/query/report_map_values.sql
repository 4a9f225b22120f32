-- The published values of one indicator for every gemeente of a division:
-- the colours of a report's map. Parameters: source, division, edition,
-- age group, indicator.
SELECT region_code, value, status
FROM observations
WHERE region_level = 'gemeente' AND sex = 'totaal'
  AND source = ? AND division = ? AND period = ? AND age_group = ? AND indicator = ?
ORDER BY region_code
