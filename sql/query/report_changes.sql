-- What changed per accord since the previous round. Parameter: the round.
SELECT accord_id, previous_round, change, coalesce(item, ''), coalesce(detail, '')
FROM round_changes
WHERE round = ?::DATE
ORDER BY accord_id, change, item
