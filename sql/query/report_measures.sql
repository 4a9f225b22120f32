-- Every population metric of a round, for the reports: each accord and each
-- of its member gemeenten, every source, edition, age group, sex and
-- indicator, with the catalogue's label, unit, theme and direction.
-- Parameter: the round.
SELECT p.accord_id, p.unit_level, p.unit_code, p.source, p.division, p.period, p.age_group, p.sex, p.indicator,
       coalesce(i.label_nl, p.indicator), coalesce(i.unit, ''), coalesce(i.theme, ''), coalesce(i.direction, ''),
       coalesce(i.npa_core, false), coalesce(i.sort_order, 9999),
       p.value, p.status, p.ci_lower, p.ci_upper, p.ggd_value, p.ggd_status, p.nl_value, p.nl_status,
       coalesce(p.verdict_ggd, ''), coalesce(p.verdict_nl, ''), p.members_missing
FROM population_metrics p
LEFT JOIN indicators i USING (indicator)
WHERE p.round = ?::DATE
ORDER BY p.accord_id, p.unit_level, p.unit_code, coalesce(i.sort_order, 9999), p.indicator, p.source, p.age_group, p.sex, p.period
