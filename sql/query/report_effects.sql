-- The difference in differences of every accord in a round, for the whole
-- population, with the indicator's label and unit. Parameter: the round.
SELECT e.accord_id, coalesce(i.label_nl, e.indicator), coalesce(i.unit, ''), e.from_period, e.to_period,
       coalesce(e.treated_change, 0), coalesce(e.control_change, 0), coalesce(e.did, 0),
       coalesce(e.ci_lower, 0), coalesce(e.ci_upper, 0), coalesce(e.n_controls, 0), coalesce(e.verdict, ''), e.status
FROM accord_effects e
LEFT JOIN indicators i USING (indicator)
WHERE e.round = ?::DATE AND e.sex = 'totaal'
ORDER BY e.accord_id, coalesce(i.sort_order, 9999), e.indicator
