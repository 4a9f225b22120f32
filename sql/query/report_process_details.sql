-- Parties per sector and budget per line of every accord in a round.
-- Parameter: the round.
SELECT accord_id, measure, item, coalesce(count, 0), coalesce(share, 0), coalesce(planned_eur, 0), coalesce(spent_eur, 0)
FROM process_details
WHERE round = ?::DATE
ORDER BY accord_id, measure, coalesce(count, 0) DESC, item
