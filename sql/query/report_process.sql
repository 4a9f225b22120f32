-- The process summary of every accord in a round. Parameter: the round.
SELECT accord_id, coalesce(parties, 0), coalesce(last_quarter, ''), share_active, meetings_total, residents_involved,
       coalesce(uitgangspunten_assessed, 0), coalesce(uitgangspunten_met, 0), coalesce(uitgangspunten_not_met, ''),
       coalesce(goals, 0), coalesce(goals_with_deadline, 0), coalesce(goals_with_owner, 0), coalesce(programmes, ''),
       example_data
FROM process_summary
WHERE round = ?::DATE
ORDER BY accord_id
