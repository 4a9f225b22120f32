-- The factsheet's figures of a round (national_evaluation), for the
-- dashboard's national page. Parameter: the round.
SELECT section, item, coalesce(detail, ''), count, base, pct, value, coalesce(example_data, false)
FROM national_evaluation
WHERE round = ?::DATE
ORDER BY section, item, detail
