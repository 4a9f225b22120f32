-- The accord-level population metrics of one accord in one round.
-- Parameters: accord id, round (a date).
SELECT accord_id, period, age_group, indicator, value, status, ggd_value, ggd_status,
       nl_value, nl_status, members, members_missing, coalesce(ggd_region_codes, ''), computed_at,
       source, division, sex, reaggregated, coalesce(ggd_source, '')
FROM population_metrics
WHERE accord_id = ? AND round = ?::DATE AND unit_level = 'akkoord'
ORDER BY source, age_group, sex, indicator, period
