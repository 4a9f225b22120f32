-- accord_metrics: population indicators per accord, with GGD and NL benchmarks.
--
-- Computes, for every accord and every cell that the gemeente level of the
-- warehouse holds (source, municipal division, edition = period, age group,
-- sex, indicator):
--
--   value      population-weighted mean of the values of the gemeenten that
--              make up the accord in the data's division:
--              sum(value_g * w_g) / sum(w_g), in the unit of the indicator.
--              * Same division as the accord's members (50090NED and the 2020
--                registry): g are the members, w_g their inhabitants in that
--                division (regions.population; for 2020 from CBS Gebieden in
--                Nederland 2020). A one-gemeente accord gets its gemeente's
--                published value unchanged.
--              * Data in an older division than the accord (an accord of
--                today's gemeenten, monitor editions of before a merger): g are
--                the predecessors of the members (gemeente_crosswalk), w_g =
--                inhabitants of g in the data's division x the share of g that
--                went to the member (1, or for a split gemeente the share of
--                its inhabitants, e.g. Haaren 2021).
--              * Data in a newer division than the accord: g are the
--                successors of the members, w_g = inhabitants of the member in
--                the accord's division x its share in g. A successor that also
--                holds non-members (a merger after signing) stands in for its
--                member with its whole value: an approximation.
--              Both cross-division cases are marked reaggregated = true.
--   status     measured   when every g has a measured value and a weight;
--              suppressed when at least one g's value is suppressed at the
--                         source ('.'): the aggregate is then NULL, never a
--                         number resting on a suppressed cell;
--              incomplete when a g has no value (not measured) or no weight
--                         (no inhabitants in the region reference): NULL too.
--              A partial aggregate over the remaining gemeenten would
--              describe another population than the accord's, so none is made.
--   members, members_missing
--              the number of gemeenten g and how many of them lack a measured
--              value or a weight.
--   ggd_value  benchmark for the GGD region(s) of the gemeenten g. Per GGD
--              region: the value the source publishes for it (ggd_source =
--              'gepubliceerd') when every region involved has one; otherwise
--              the population-weighted mean over all gemeenten of the region
--              in the data's division ('berekend'; 50090NED publishes no GGD
--              rows). An accord whose gemeenten lie in several GGD regions
--              (e.g. Foodvalley: Gelderland-Midden and Regio Utrecht) gets the
--              mean of those regions' values weighted by the accord's own
--              weights w_g in each region. NULL (status suppressed /
--              incomplete) unless every region involved has a measured value.
--   ggd_region_codes  the GGD region codes involved, comma-separated, sorted.
--   nl_value   the value the source publishes for Nederland (NL01), not
--              recomputed; nl_status measured/suppressed, or incomplete when
--              the source has no NL row for the cell.
--
-- Inputs (public views): observations (region_level 'gemeente', 'ggd_regio',
-- 'land'), regions (inhabitants and GGD region per gemeente and division),
-- gemeente_crosswalk, accords, accord_members.
-- Output columns: accord_id, source, division, period, age_group, sex,
-- indicator, value, status, members, members_missing, ggd_value, ggd_status,
-- ggd_source, ggd_region_codes, nl_value, nl_status, reaggregated.
-- Values are rounded to 6 decimals to strip float noise.
WITH gemeente_obs AS (
    SELECT source, division, period, age_group, sex, indicator, region_code AS gemeente_code, value, status
    FROM observations
    WHERE region_level = 'gemeente'
),
cells AS (
    SELECT DISTINCT source, division, period, age_group, sex, indicator FROM gemeente_obs
),
gemeenten AS (
    SELECT division, region_code AS gemeente_code, population, ggd_region_code
    FROM regions
    WHERE region_level = 'gemeente'
),
-- The gemeenten g that make up each accord in each division, with weights.
parts AS (
    SELECT a.accord_id, a.division AS data_division, m.gemeente_code,
           g.population::DOUBLE AS weight, false AS reaggregated
    FROM accord_members m
    JOIN accords a USING (accord_id)
    LEFT JOIN gemeenten g ON g.division = a.division AND g.gemeente_code = m.gemeente_code
    UNION ALL
    SELECT a.accord_id, cw.from_division, cw.from_code, g.population * cw.share, true
    FROM accord_members m
    JOIN accords a USING (accord_id)
    JOIN gemeente_crosswalk cw
      ON cw.to_division = a.division AND cw.to_code = m.gemeente_code AND cw.from_division < a.division
    LEFT JOIN gemeenten g ON g.division = cw.from_division AND g.gemeente_code = cw.from_code
    UNION ALL
    SELECT a.accord_id, cw.to_division, cw.to_code, g.population * cw.share, true
    FROM accord_members m
    JOIN accords a USING (accord_id)
    JOIN gemeente_crosswalk cw
      ON cw.from_division = a.division AND cw.from_code = m.gemeente_code AND cw.to_division > a.division
    LEFT JOIN gemeenten g ON g.division = a.division AND g.gemeente_code = m.gemeente_code
),
accord_parts AS (
    SELECT p.accord_id, p.data_division, p.gemeente_code,
           CASE WHEN count(*) = count(p.weight) THEN sum(p.weight) END AS weight,
           bool_or(p.reaggregated) AS reaggregated,
           any_value(g.ggd_region_code) AS ggd_region_code
    FROM parts p
    LEFT JOIN gemeenten g ON g.division = p.data_division AND g.gemeente_code = p.gemeente_code
    GROUP BY p.accord_id, p.data_division, p.gemeente_code
),
accord_cells AS (
    SELECT DISTINCT ap.accord_id, ap.reaggregated, c.*
    FROM cells c
    JOIN (SELECT accord_id, data_division, bool_or(reaggregated) AS reaggregated
          FROM accord_parts GROUP BY ALL) ap
      ON ap.data_division = c.division
),
accord_values AS (
    SELECT ac.accord_id, ac.source, ac.division, ac.period, ac.age_group, ac.sex, ac.indicator,
           any_value(ac.reaggregated)                                        AS reaggregated,
           count(*)                                                          AS members,
           count(*) FILTER (WHERE o.status = 'measured' AND p.weight > 0)    AS members_measured,
           count(*) FILTER (WHERE o.status = 'suppressed')                   AS members_suppressed,
           sum(o.value * p.weight) FILTER (WHERE o.status = 'measured')      AS weighted_sum,
           sum(p.weight) FILTER (WHERE o.status = 'measured')                AS weight,
           any_value(o.value) FILTER (WHERE o.status = 'measured')           AS single_value
    FROM accord_cells ac
    JOIN accord_parts p ON p.accord_id = ac.accord_id AND p.data_division = ac.division
    LEFT JOIN gemeente_obs o
           ON o.source = ac.source AND o.division = ac.division AND o.gemeente_code = p.gemeente_code
          AND o.period = ac.period AND o.age_group = ac.age_group AND o.sex = ac.sex
          AND o.indicator = ac.indicator
    GROUP BY ac.accord_id, ac.source, ac.division, ac.period, ac.age_group, ac.sex, ac.indicator
),
-- GGD values computed from the gemeenten of each region.
ggd_computed AS (
    SELECT c.source, c.division, c.period, c.age_group, c.sex, c.indicator, g.ggd_region_code,
           count(*) = count(*) FILTER (WHERE o.status = 'measured' AND g.population > 0) AS complete,
           count(*) FILTER (WHERE o.status = 'suppressed') > 0                          AS any_suppressed,
           sum(o.value * g.population) FILTER (WHERE o.status = 'measured')
             / sum(g.population) FILTER (WHERE o.status = 'measured')                   AS value
    FROM cells c
    JOIN gemeenten g ON g.division = c.division AND g.ggd_region_code IS NOT NULL
    LEFT JOIN gemeente_obs o
           ON o.source = c.source AND o.division = c.division AND o.gemeente_code = g.gemeente_code
          AND o.period = c.period AND o.age_group = c.age_group AND o.sex = c.sex AND o.indicator = c.indicator
    GROUP BY ALL
),
-- GGD values the source publishes itself.
ggd_published AS (
    SELECT source, period, age_group, sex, indicator, region_code AS ggd_region_code, value, status
    FROM observations
    WHERE region_level = 'ggd_regio'
),
accord_ggd_weights AS (
    SELECT accord_id, data_division, ggd_region_code, sum(weight) AS weight
    FROM accord_parts
    GROUP BY ALL
),
accord_ggd AS (
    SELECT ac.accord_id, ac.source, ac.division, ac.period, ac.age_group, ac.sex, ac.indicator,
           string_agg(w.ggd_region_code, ',' ORDER BY w.ggd_region_code)           AS ggd_region_codes,
           -- coalesce: bool_and skips NULLs, and a missing region must count.
           bool_and(coalesce(w.ggd_region_code IS NOT NULL AND w.weight > 0, false)) AS weighted,
           bool_and(coalesce(gp.status = 'measured', false))                        AS published_complete,
           bool_or(coalesce(gp.status = 'suppressed', false))                       AS published_suppressed,
           bool_and(coalesce(gc.complete, false))                                   AS computed_complete,
           bool_or(coalesce(gc.any_suppressed, false))                              AS computed_suppressed,
           sum(gp.value * w.weight) / sum(w.weight)                                 AS published_value,
           sum(gc.value * w.weight) / sum(w.weight)                                 AS computed_value
    FROM accord_cells ac
    JOIN accord_ggd_weights w ON w.accord_id = ac.accord_id AND w.data_division = ac.division
    LEFT JOIN ggd_published gp
           ON gp.source = ac.source AND gp.ggd_region_code = w.ggd_region_code AND gp.period = ac.period
          AND gp.age_group = ac.age_group AND gp.sex = ac.sex AND gp.indicator = ac.indicator
    LEFT JOIN ggd_computed gc
           ON gc.source = ac.source AND gc.division = ac.division AND gc.ggd_region_code = w.ggd_region_code
          AND gc.period = ac.period AND gc.age_group = ac.age_group AND gc.sex = ac.sex AND gc.indicator = ac.indicator
    GROUP BY ac.accord_id, ac.source, ac.division, ac.period, ac.age_group, ac.sex, ac.indicator
),
nl AS (
    SELECT source, period, age_group, sex, indicator, value, status
    FROM observations
    WHERE region_level = 'land' AND region_code = 'NL01'
)
SELECT av.accord_id, av.source, av.division, av.period, av.age_group, av.sex, av.indicator,
       CASE WHEN av.members_measured < av.members THEN NULL
            WHEN av.members = 1 AND NOT av.reaggregated THEN av.single_value
            ELSE round(av.weighted_sum / av.weight, 6) END                            AS value,
       CASE WHEN av.members_measured = av.members THEN 'measured'
            WHEN av.members_suppressed > 0 THEN 'suppressed'
            ELSE 'incomplete' END                                                     AS status,
       av.members::INTEGER                                                            AS members,
       (av.members - av.members_measured)::INTEGER                                    AS members_missing,
       CASE WHEN NOT g.weighted THEN NULL
            WHEN g.published_complete THEN round(g.published_value, 6)
            WHEN g.computed_complete THEN round(g.computed_value, 6) END              AS ggd_value,
       CASE WHEN g.weighted AND (g.published_complete OR g.computed_complete) THEN 'measured'
            WHEN g.published_suppressed OR g.computed_suppressed THEN 'suppressed'
            ELSE 'incomplete' END                                                     AS ggd_status,
       CASE WHEN NOT g.weighted THEN NULL
            WHEN g.published_complete THEN 'gepubliceerd'
            WHEN g.computed_complete THEN 'berekend' END                              AS ggd_source,
       g.ggd_region_codes,
       CASE WHEN nl.status = 'measured' THEN nl.value END                             AS nl_value,
       coalesce(nl.status, 'incomplete')                                              AS nl_status,
       av.reaggregated
FROM accord_values av
LEFT JOIN accord_ggd g USING (accord_id, source, division, period, age_group, sex, indicator)
LEFT JOIN nl USING (source, period, age_group, sex, indicator)
ORDER BY av.accord_id, av.source, av.period, av.age_group, av.sex, av.indicator
