-- The computed rounds, oldest first.
SELECT round, computed_at, coalesce(lpa_version, '') FROM rounds ORDER BY round
