-- process_detail: the process level per accord in long form, as of a round:
-- parties by sector (count and share of the accord's parties) and the budget
-- per line (planned against spent, all quarters up to the round).
--
-- Round: getvariable('round'); accords signed on or before it; budget
-- quarters that start on or before it.
-- Output columns: accord_id, measure ('partijen_per_sector' |
-- 'budget_per_regel'), item (the sector or budget line), count (parties;
-- NULL for budget), share (of the accord's parties; spent / planned for
-- budget), planned_eur, spent_eur (NULL for parties), example_data.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
in_round AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
sectors AS (
    SELECT p.accord_id, p.sector, count(*) AS n, bool_or(p.example_data) AS ex,
           sum(count(*)) OVER (PARTITION BY p.accord_id) AS total
    FROM accord_parties p JOIN in_round USING (accord_id)
    GROUP BY p.accord_id, p.sector
),
lines AS (
    SELECT b.accord_id, b.budget_line, sum(b.planned_eur) AS planned, sum(b.spent_eur) AS spent,
           bool_or(b.example_data) AS ex
    FROM process_budget b JOIN in_round USING (accord_id), params p
    WHERE b.quarter_start <= p.round
    GROUP BY ALL
)
SELECT accord_id, 'partijen_per_sector' AS measure, sector AS item, n::INTEGER AS count,
       round(n / total, 6) AS share, NULL::DOUBLE AS planned_eur, NULL::DOUBLE AS spent_eur, ex AS example_data
FROM sectors
UNION ALL
SELECT accord_id, 'budget_per_regel', budget_line, NULL, round(spent / nullif(planned, 0), 6)::DOUBLE,
       planned::DOUBLE, spent::DOUBLE, ex
FROM lines
ORDER BY accord_id, measure, item
