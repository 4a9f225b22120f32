-- The loads whose rows a slice holds (or its regions in a correction).
-- Parameters: source, period, age group, region level, and twice the region
-- codes of a correction (NULL: the whole slice).
SELECT DISTINCT load_id FROM store.observation
WHERE source = ? AND period = ? AND age_group = ? AND region_level = ?
  AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], region_code))
ORDER BY 1
