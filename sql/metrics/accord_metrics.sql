-- accord_metrics: population indicators per accord, with GGD and NL benchmarks.
--
-- Computes, for every accord, monitor edition (period), age group and
-- indicator that the gemeente level of the warehouse holds:
--
--   value      population-weighted mean of the members' published gemeente
--              values: sum(value_g * pop_g) / sum(pop_g), in the unit of the
--              indicator (percent). Weights pop_g are the inhabitants of each
--              member in the accord's municipal division (regions.population,
--              for the 2020 division from CBS "Gebieden in Nederland 2020"), the
--              same division the monitor data is published in (50090NED:
--              indeling 2020). A one-gemeente accord gets its gemeente's
--              published value unchanged.
--   status     measured   when every member has a measured value;
--              suppressed when at least one member's value is suppressed at the
--                         source ('.'): the aggregate is then NULL, never a
--                         number resting on a suppressed cell;
--              incomplete when a member has no value at all for that cell
--                         (not measured): the aggregate is NULL as well.
--              A partial aggregate over the remaining members would describe
--              another population than the accord's, so none is made.
--   members, members_missing
--              member count and how many of them lack a measured value.
--   ggd_value  benchmark for the GGD region(s) of the members. Per GGD region,
--              the population-weighted mean over all its gemeenten (50090NED
--              publishes no GGD-region rows). An accord whose members lie in
--              several GGD regions (e.g. Foodvalley: Gelderland-Midden and
--              Regio Utrecht) gets the mean of those regions' values weighted
--              by the accord's own population in each region, i.e. what the
--              accord would show if each member were like its GGD region.
--              NULL (status suppressed/incomplete) unless every gemeente of
--              every region involved has a measured value.
--   ggd_region_codes  the GGD region codes involved, comma-separated, sorted.
--   nl_value   the value StatLine publishes for Nederland (NL01), not
--              recomputed; nl_status measured/suppressed, or incomplete when
--              the source has no NL row for the cell.
--
-- Inputs (public views): observations (region_level 'gemeente' and 'land'),
-- regions (population and GGD region per gemeente and division), accords,
-- accord_members.
-- Output columns: accord_id, period, age_group, indicator, value, status,
-- members, members_missing, ggd_value, ggd_status, ggd_region_codes,
-- nl_value, nl_status. Values are rounded to 6 decimals to strip float noise.
WITH members AS (
    SELECT m.accord_id, m.gemeente_code, a.division, r.population, r.ggd_region_code
    FROM accord_members m
    JOIN accords a USING (accord_id)
    LEFT JOIN regions r
           ON r.division = a.division AND r.region_code = m.gemeente_code
          AND r.region_level = 'gemeente'
),
gemeente_obs AS (
    SELECT division, period, age_group, indicator, region_code AS gemeente_code, value, status
    FROM observations
    WHERE region_level = 'gemeente'
),
cells AS (
    SELECT DISTINCT division, period, age_group, indicator FROM gemeente_obs
),
accord_cells AS (
    SELECT a.accord_id, c.division, c.period, c.age_group, c.indicator
    FROM accords a JOIN cells c ON c.division = a.division
),
accord_values AS (
    SELECT ac.accord_id, ac.period, ac.age_group, ac.indicator,
           count(*)                                         AS members,
           count(*) FILTER (WHERE o.status = 'measured')    AS members_measured,
           count(*) FILTER (WHERE o.status = 'suppressed')  AS members_suppressed,
           sum(o.value * m.population) FILTER (WHERE o.status = 'measured') AS weighted_sum,
           sum(m.population) FILTER (WHERE o.status = 'measured')           AS weight,
           any_value(o.value) FILTER (WHERE o.status = 'measured')          AS single_value
    FROM accord_cells ac
    JOIN members m ON m.accord_id = ac.accord_id
    LEFT JOIN gemeente_obs o
           ON o.division = ac.division AND o.gemeente_code = m.gemeente_code
          AND o.period = ac.period AND o.age_group = ac.age_group AND o.indicator = ac.indicator
    GROUP BY ac.accord_id, ac.period, ac.age_group, ac.indicator
),
ggd_gemeenten AS (
    SELECT division, region_code AS gemeente_code, ggd_region_code, population
    FROM regions
    WHERE region_level = 'gemeente' AND ggd_region_code IS NOT NULL
),
ggd_values AS (
    SELECT c.division, c.period, c.age_group, c.indicator, g.ggd_region_code,
           count(*)                                          AS gemeenten,
           count(*) FILTER (WHERE o.status = 'measured')     AS measured,
           count(*) FILTER (WHERE o.status = 'suppressed')   AS suppressed,
           sum(o.value * g.population) FILTER (WHERE o.status = 'measured')
             / sum(g.population) FILTER (WHERE o.status = 'measured') AS value
    FROM cells c
    JOIN ggd_gemeenten g ON g.division = c.division
    LEFT JOIN gemeente_obs o
           ON o.division = c.division AND o.gemeente_code = g.gemeente_code
          AND o.period = c.period AND o.age_group = c.age_group AND o.indicator = c.indicator
    GROUP BY c.division, c.period, c.age_group, c.indicator, g.ggd_region_code
),
accord_ggd_weights AS (
    SELECT accord_id, division, ggd_region_code, sum(population) AS population
    FROM members
    GROUP BY accord_id, division, ggd_region_code
),
accord_ggd AS (
    SELECT ac.accord_id, ac.period, ac.age_group, ac.indicator,
           string_agg(w.ggd_region_code, ',' ORDER BY w.ggd_region_code) AS ggd_region_codes,
           bool_and(gv.measured = gv.gemeenten AND w.ggd_region_code IS NOT NULL) AS complete,
           bool_or(coalesce(gv.suppressed, 0) > 0)                      AS any_suppressed,
           sum(gv.value * w.population) / sum(w.population)              AS value
    FROM accord_cells ac
    JOIN accord_ggd_weights w ON w.accord_id = ac.accord_id
    LEFT JOIN ggd_values gv
           ON gv.division = ac.division AND gv.ggd_region_code = w.ggd_region_code
          AND gv.period = ac.period AND gv.age_group = ac.age_group AND gv.indicator = ac.indicator
    GROUP BY ac.accord_id, ac.period, ac.age_group, ac.indicator
),
nl AS (
    SELECT period, age_group, indicator, value, status
    FROM observations
    WHERE region_level = 'land' AND region_code = 'NL01'
)
SELECT av.accord_id, av.period, av.age_group, av.indicator,
       CASE WHEN av.members_measured < av.members THEN NULL
            WHEN av.members = 1 THEN av.single_value
            ELSE round(av.weighted_sum / av.weight, 6) END                  AS value,
       CASE WHEN av.members_measured = av.members THEN 'measured'
            WHEN av.members_suppressed > 0 THEN 'suppressed'
            ELSE 'incomplete' END                                           AS status,
       av.members::INTEGER                                                  AS members,
       (av.members - av.members_measured)::INTEGER                          AS members_missing,
       CASE WHEN g.complete THEN round(g.value, 6) END                      AS ggd_value,
       CASE WHEN g.complete THEN 'measured'
            WHEN g.any_suppressed THEN 'suppressed'
            ELSE 'incomplete' END                                           AS ggd_status,
       g.ggd_region_codes,
       CASE WHEN nl.status = 'measured' THEN nl.value END                   AS nl_value,
       coalesce(nl.status, 'incomplete')                                    AS nl_status
FROM accord_values av
LEFT JOIN accord_ggd g USING (accord_id, period, age_group, indicator)
LEFT JOIN nl USING (period, age_group, indicator)
ORDER BY av.accord_id, av.period, av.age_group, av.indicator
