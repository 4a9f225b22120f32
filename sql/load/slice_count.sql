-- The rows of a slice of observations (or of its regions in a correction).
-- Parameters: source, period, age group, region level, and twice the region
-- codes of a correction (NULL: the whole slice).
SELECT count(*) FROM store.observation
WHERE source = ? AND period = ? AND age_group = ? AND region_level = ?
  AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], region_code))
