-- triple_aim: the Triple Aim panel per accord and year, against the
-- Netherlands, in one long table a dashboard can draw.
--
-- Round: getvariable('round') (accords signed on or before it; data years of
-- its year or earlier).
--
-- Dimensions (catalogue column triple_aim):
--   populatiegezondheid         every indicator the catalogue maps to it
--                               (ervaren gezondheid goed/zeer goed and the NPA
--                               theme indicators), from population_metrics of
--                               the same round, accord level: value, NL value,
--                               status as computed there (suppressed and
--                               incomplete stay without a number).
--   ervaren_kwaliteit_van_zorg  the indicators mapped to it: the monitor's
--                               matig_veel_regie_over_eigen_leven, shipped as
--                               a proxy (proxy = true; the catalogue note says
--                               why), and any local survey indicator loaded
--                               with triple_aim = ervaren_kwaliteit_van_zorg.
--   zorgkosten                  Zvw care costs per insured year (Vektis),
--                               directly standardised for age and sex to the
--                               Netherlands of the same year
--                               (care_cost_per_insured). The accord's figure is
--                               the mean of its gemeenten's standardised
--                               figures weighted by their insured years. In a
--                               Vektis division other than the accord's, the
--                               members' successors or predecessors stand in
--                               through gemeente_crosswalk (weight = insured
--                               years x share), marked reaggregated where
--                               another gemeente (or part of one) stands in
--                               for a member; a member without a figure makes
--                               the year incomplete.
--                               nl_value is the NL figure; lower is better.
--
-- Output columns: accord_id, dimension, indicator, label_nl, unit, source,
-- period, value, status, nl_value, diff_nl, ratio_nl (value / nl_value),
-- direction, verdict_nl (gunstig / ongunstig / vergelijkbaar / neutraal: for
-- monitor indicators from the Z-score band as in population_metrics; for
-- costs more than 5 % below / above NL), proxy, reaggregated.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
in_round AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
monitor AS (
    SELECT pm.accord_id, i.triple_aim AS dimension, pm.indicator, i.label_nl, i.unit, pm.source, pm.period,
           pm.value, pm.status, pm.nl_value, pm.diff_nl,
           CASE WHEN pm.nl_value <> 0 THEN round(pm.value / pm.nl_value, 6) END AS ratio_nl,
           pm.direction, pm.verdict_nl,
           i.triple_aim = 'ervaren_kwaliteit_van_zorg' AND coalesce(i.note, '') ILIKE '%proxy%' AS proxy,
           pm.reaggregated
    FROM store.population_metric pm
    JOIN indicators i USING (indicator), params p
    WHERE pm.round = p.round AND pm.unit_level = 'akkoord' AND pm.sex = 'totaal'
      AND i.triple_aim IN ('populatiegezondheid', 'ervaren_kwaliteit_van_zorg')
),
cost_gemeenten AS (
    SELECT c.period, c.division, c.region_code AS gemeente_code, c.insured_years,
           c.cost_per_insured_year_std AS value
    FROM care_cost_per_insured c, params p
    WHERE c.region_level = 'gemeente' AND c.period <= p.round_year
),
cost_nl AS (
    SELECT period, cost_per_insured_year AS nl_value
    FROM care_cost_per_insured WHERE region_level = 'land'
),
cost_divisions AS (
    SELECT DISTINCT period, division FROM cost_gemeenten
),
-- The gemeenten of each Vektis year that stand for each accord, with shares.
cost_parts AS (
    SELECT a.accord_id, d.period, d.division, m.gemeente_code AS member, m.gemeente_code, 1.0 AS share
    FROM in_round a JOIN accord_members m USING (accord_id)
    JOIN cost_divisions d ON d.division = a.division
    UNION ALL
    SELECT a.accord_id, d.period, d.division, m.gemeente_code, cw.from_code, cw.share
    FROM in_round a JOIN accord_members m USING (accord_id)
    JOIN cost_divisions d ON d.division < a.division
    JOIN gemeente_crosswalk cw ON cw.from_division = d.division AND cw.to_division = a.division
                              AND cw.to_code = m.gemeente_code
    UNION ALL
    SELECT a.accord_id, d.period, d.division, m.gemeente_code, cw.to_code, cw.share
    FROM in_round a JOIN accord_members m USING (accord_id)
    JOIN cost_divisions d ON d.division > a.division
    JOIN gemeente_crosswalk cw ON cw.from_division = a.division AND cw.to_division = d.division
                              AND cw.from_code = m.gemeente_code
),
costs AS (
    SELECT p.accord_id, 'zorgkosten' AS dimension, 'zorgkosten_per_verzekerdejaar_gestandaardiseerd' AS indicator,
           'Zorgkosten per verzekerdejaar (Zvw, gestandaardiseerd naar leeftijd en geslacht)' AS label_nl,
           'euro' AS unit, 'VEKTIS_ZVW' AS source, p.period,
           CASE WHEN count(*) = count(g.value)
                THEN round(sum(g.value * g.insured_years * p.share) / sum(g.insured_years * p.share), 2) END AS value,
           CASE WHEN count(*) = count(g.value) THEN 'measured' ELSE 'incomplete' END AS status,
           any_value(n.nl_value) AS nl_value,
           -- re-aggregated: another gemeente, or part of one, stands in for a member
           bool_or(p.gemeente_code <> p.member OR p.share <> 1) AS reaggregated
    FROM cost_parts p
    LEFT JOIN cost_gemeenten g ON g.period = p.period AND g.division = p.division AND g.gemeente_code = p.gemeente_code
    LEFT JOIN cost_nl n ON n.period = p.period
    GROUP BY p.accord_id, p.period
)
SELECT accord_id, dimension, indicator, label_nl, unit, source, period, value, status, nl_value, diff_nl,
       ratio_nl, direction, verdict_nl, proxy, reaggregated
FROM monitor
UNION ALL
SELECT accord_id, dimension, indicator, label_nl, unit, source, period, value, status,
       round(nl_value, 2) AS nl_value,
       round(value - nl_value, 2) AS diff_nl,
       round(value / nl_value, 6) AS ratio_nl,
       'lager_beter' AS direction,
       CASE WHEN value IS NULL THEN NULL
            WHEN value / nl_value < 0.95 THEN 'gunstig'
            WHEN value / nl_value > 1.05 THEN 'ongunstig'
            ELSE 'vergelijkbaar' END AS verdict_nl,
       false AS proxy, reaggregated
FROM costs
ORDER BY accord_id, dimension, indicator, source, period
