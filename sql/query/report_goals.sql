-- The goals of every accord in a round (own goals and the NPA 2040
-- ambitions) with their progress, and the indicator's label and unit.
-- Parameter: the round.
SELECT g.accord_id, g.goal_kind, g.goal, coalesce(i.label_nl, g.indicator, ''), coalesce(i.unit, ''),
       coalesce(g.baseline_period, 0), g.baseline_value, coalesce(g.latest_period, 0), g.latest_value,
       g.target_value, coalesce(g.deadline_year, 0), g.projected_value, g.progress, g.verdict, coalesce(g.reason, ''),
       g.example_data
FROM goal_progress g
LEFT JOIN indicators i USING (indicator)
WHERE g.round = ?::DATE
ORDER BY g.accord_id, g.goal_kind, g.goal_no
