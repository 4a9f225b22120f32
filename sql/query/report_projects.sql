-- The interventions per theme of every accord in a round. Parameter: the round.
SELECT accord_id, theme, coalesce(npa_theme, false), coalesce(interventions, 0), coalesce(recognised, 0),
       coalesce(recognition_known, 0), coalesce(planned_participants, 0), coalesce(reached_participants, 0),
       coalesce(goals, 0), coalesce(gap, ''), example_data
FROM project_summary
WHERE round = ?::DATE
ORDER BY accord_id, NOT coalesce(npa_theme, false), theme
