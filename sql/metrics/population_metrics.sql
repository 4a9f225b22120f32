-- population_metrics: population indicators per accord and per member
-- gemeente, as of a round, with GGD and NL benchmarks, Z-score bands and
-- changes over editions.
--
-- Round: getvariable('round') is the peildatum. Only accords signed on or
-- before it take part (signed_on, or signed_year when only the year is
-- known), and only editions of that year or earlier (period <= its year).
--
-- Indicators: every indicator of the gemeente level whose unit is a rate or
-- an average (%, jaar, euro, ...); counts (unit 'x 1 000', 'aantal') would
-- have to be summed, not averaged, and are left out.
--
-- Units: every accord (unit_level 'akkoord', unit_code = accord id) and each
-- of its members (unit_level 'gemeente', unit_code = gemeente code), and
-- every gemeente of the newest municipal division with inhabitants on its
-- own (accord_id '' — the gemeente reports, also of the gemeenten without an
-- accord; no baseline, as there is no signing year), for every cell the
-- gemeente level of the warehouse holds (source, municipal division,
-- edition = period, age group, sex, indicator).
--
--   value      population-weighted mean of the values of the gemeenten g that
--              make up the unit in the data's division:
--              sum(value_g * w_g) / sum(w_g), in the indicator's unit.
--              * Same division as the accord's members: g are the members,
--                w_g their inhabitants in that division (regions.population).
--                A one-gemeente unit gets the published value unchanged.
--              * Data in an older division than the accord: g are the
--                predecessors of the members (gemeente_crosswalk), w_g = their
--                inhabitants in the data's division x the share that went to
--                the member (1, or for a split gemeente its share).
--              * Data in a newer division: g are the members' successors,
--                w_g = the member's inhabitants x its share in g; a successor
--                that also holds non-members stands in with its whole value
--                (an approximation).
--              Where another gemeente (or part of one) stands in for a
--              member, the value is marked reaggregated = true; a gemeente
--              read under the same code in another division is not.
--   status     measured when every g has a measured value and a weight;
--              suppressed when a g's value is suppressed at the source ('.');
--              incomplete when a g has no value or no weight. Only 'measured'
--              carries a number: nothing is ever built on a suppressed cell,
--              and no partial aggregate stands in for the unit.
--   members, members_missing  the number of gemeenten g and of those lacking
--              a measured value or a weight.
--   ci_lower, ci_upper  the 95 % interval: the source's for a one-gemeente
--              unit; for an aggregate value +- 1.96 * sqrt(sum((w_g*se_g)^2))
--              / sum(w_g) with se_g = (upper_g - lower_g) / 3.92, treating the
--              gemeenten as independent (an approximation; NULL unless every
--              g has an interval).
--   ggd_value  the GGD region(s) of the gemeenten g: the value the source
--              publishes for each region ('gepubliceerd') when every region
--              involved has one, else the population-weighted mean over all
--              gemeenten of each region ('berekend'); several regions are
--              weighted by the unit's own weights w_g in each.
--   nl_value   the value the source publishes for Nederland (NL01).
--   diff_ggd, diff_nl  value minus the benchmark, in the indicator's unit
--              (percentage points for %).
--   z_ggd, z_nl, z_basis  (value - benchmark) / se, where se comes from the
--              unit's 95 % interval (z_basis 'interval'); without an interval
--              se is the standard deviation of the values of all gemeenten of
--              the cell (z_basis 'spreiding_gemeenten'), as area profiles do.
--   band_ggd, band_nl  the Z-score band: '< -2', '-2..-1', '-1..1', '1..2', '> 2'.
--   verdict_*  from the indicator's direction (catalogue): gunstig /
--              ongunstig when the unit is outside the -1..1 band on the good /
--              bad side, vergelijkbaar inside it, neutraal for indicators
--              without a direction.
--   prev_period, change_prev  the previous edition of the same unit, source,
--              age group, sex and indicator, and value - previous value.
--   baseline_period, change_baseline  the latest edition before the year the
--              accord was signed (the baseline), and, for later editions,
--              value - baseline value.
--   significant_*  true when |change| > 1.96 * sqrt(se1^2 + se2^2) with both
--              se from intervals, false when not, NULL when an interval is
--              missing: a change is flagged significant only where intervals
--              allow it.
--   verdict_prev, verdict_baseline  gunstig / ongunstig / gelijk (change 0) /
--              neutraal from the direction of the change; the verdict says
--              which way it went, significant_* says whether that is more
--              than noise.
--
-- Inputs (public views): observations, regions, gemeente_crosswalk, accords,
-- accord_members, indicators.
-- Output columns: those of store.population_metric but round and computed_at.
-- Values are rounded to 6 decimals to strip float noise.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
in_round AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
-- Cells get an integer id (and their series, the cell without its period,
-- another), units too: the joins below then run on small integer keys.
gemeente_obs_raw AS MATERIALIZED (
    SELECT o.source, o.division, o.period, o.age_group, o.sex, o.indicator, o.region_code AS gemeente_code,
           o.value, o.status, o.ci_lower, o.ci_upper, (o.ci_upper - o.ci_lower) / 3.92 AS se
    FROM observations o
    LEFT JOIN indicators i USING (indicator), params
    WHERE o.region_level = 'gemeente' AND o.period <= round_year
      -- counts (units such as 'x 1 000', 'aantal') add up rather than
      -- average: they are left out
      AND NOT (coalesce(i.unit, '') LIKE 'x %' OR coalesce(i.unit, '') = 'aantal')
),
cells AS MATERIALIZED (
    SELECT *, row_number() OVER (ORDER BY source, division, age_group, sex, indicator, period) AS cell_id,
           dense_rank() OVER (ORDER BY source, division, age_group, sex, indicator) AS series_id
    FROM (SELECT DISTINCT source, division, period, age_group, sex, indicator FROM gemeente_obs_raw)
),
gemeente_obs AS MATERIALIZED (
    SELECT c.cell_id, o.gemeente_code, o.value, o.status, o.ci_lower, o.ci_upper, o.se
    FROM gemeente_obs_raw o
    JOIN cells c USING (source, division, period, age_group, sex, indicator)
),
gemeenten AS MATERIALIZED (
    SELECT division, region_code AS gemeente_code, population, ggd_region_code
    FROM regions
    WHERE region_level = 'gemeente'
),
unit_keys AS MATERIALIZED (
    SELECT *, row_number() OVER (ORDER BY accord_id, unit_level, unit_code) AS unit_id
    FROM (SELECT DISTINCT a.accord_id, l.unit_level, CASE l.unit_level WHEN 'akkoord' THEN a.accord_id ELSE m.gemeente_code END AS unit_code,
                 a.division, a.signed_year
          FROM in_round a JOIN accord_members m USING (accord_id)
          CROSS JOIN (VALUES ('akkoord'), ('gemeente')) l(unit_level)
          UNION ALL
          SELECT '', 'gemeente', g.gemeente_code, g.division, NULL::INTEGER
          FROM gemeenten g
          WHERE g.population IS NOT NULL
            AND g.division = (SELECT max(division) FROM gemeenten WHERE population IS NOT NULL))
),
units AS (
    SELECT k.unit_id, k.division, m.gemeente_code
    FROM unit_keys k JOIN accord_members m ON m.accord_id = k.accord_id
    WHERE k.accord_id <> '' AND (k.unit_level = 'akkoord' OR m.gemeente_code = k.unit_code)
    UNION ALL
    SELECT unit_id, division, unit_code FROM unit_keys WHERE accord_id = ''
),
-- The gemeenten g that make up each unit in each division, with weights.
parts AS (
    SELECT u.unit_id, u.division AS data_division, u.gemeente_code,
           g.population::DOUBLE AS weight, false AS reaggregated
    FROM units u
    LEFT JOIN gemeenten g ON g.division = u.division AND g.gemeente_code = u.gemeente_code
    UNION ALL
    SELECT u.unit_id, cw.from_division, cw.from_code, g.population * cw.share,
           cw.from_code <> u.gemeente_code OR cw.share <> 1
    FROM units u
    JOIN gemeente_crosswalk cw
      ON cw.to_division = u.division AND cw.to_code = u.gemeente_code AND cw.from_division < u.division
    LEFT JOIN gemeenten g ON g.division = cw.from_division AND g.gemeente_code = cw.from_code
    UNION ALL
    SELECT u.unit_id, cw.to_division, cw.to_code, g.population * cw.share,
           cw.to_code <> u.gemeente_code OR cw.share <> 1
    FROM units u
    JOIN gemeente_crosswalk cw
      ON cw.from_division = u.division AND cw.from_code = u.gemeente_code AND cw.to_division > u.division
    LEFT JOIN gemeenten g ON g.division = u.division AND g.gemeente_code = u.gemeente_code
),
unit_parts AS MATERIALIZED (
    SELECT p.unit_id, p.data_division, p.gemeente_code,
           CASE WHEN count(*) = count(p.weight) THEN sum(p.weight) END AS weight,
           bool_or(p.reaggregated) AS reaggregated,
           any_value(g.ggd_region_code) AS ggd_region_code
    FROM parts p
    LEFT JOIN gemeenten g ON g.division = p.data_division AND g.gemeente_code = p.gemeente_code
    GROUP BY p.unit_id, p.data_division, p.gemeente_code
),
unit_divisions AS MATERIALIZED (
    SELECT unit_id, data_division, bool_or(reaggregated) AS reaggregated
    FROM unit_parts GROUP BY unit_id, data_division
),
unit_values AS MATERIALIZED (
    SELECT ud.unit_id, c.cell_id,
           any_value(ud.reaggregated)                                        AS reaggregated,
           count(*)                                                          AS members,
           count(*) FILTER (WHERE o.status = 'measured' AND p.weight > 0)    AS members_measured,
           count(*) FILTER (WHERE o.status = 'suppressed')                   AS members_suppressed,
           count(*) FILTER (WHERE o.se IS NOT NULL)                          AS members_with_se,
           sum(o.value * p.weight) FILTER (WHERE o.status = 'measured')      AS weighted_sum,
           sum(p.weight) FILTER (WHERE o.status = 'measured')                AS weight,
           sum((p.weight * o.se) ^ 2) FILTER (WHERE o.status = 'measured')   AS weighted_var,
           any_value(o.value) FILTER (WHERE o.status = 'measured')           AS single_value,
           any_value(o.ci_lower) FILTER (WHERE o.status = 'measured')        AS single_lower,
           any_value(o.ci_upper) FILTER (WHERE o.status = 'measured')        AS single_upper
    FROM unit_divisions ud
    JOIN cells c ON c.division = ud.data_division
    JOIN unit_parts p ON p.unit_id = ud.unit_id AND p.data_division = ud.data_division
    LEFT JOIN gemeente_obs o ON o.cell_id = c.cell_id AND o.gemeente_code = p.gemeente_code
    GROUP BY ud.unit_id, c.cell_id
),
-- GGD values computed from the gemeenten of each region.
ggd_computed AS (
    SELECT c.cell_id, g.ggd_region_code,
           count(*) = count(*) FILTER (WHERE o.status = 'measured' AND g.population > 0) AS complete,
           count(*) FILTER (WHERE o.status = 'suppressed') > 0                          AS any_suppressed,
           sum(o.value * g.population) FILTER (WHERE o.status = 'measured')
             / sum(g.population) FILTER (WHERE o.status = 'measured')                   AS value
    FROM cells c
    JOIN gemeenten g ON g.division = c.division AND g.ggd_region_code IS NOT NULL
    LEFT JOIN gemeente_obs o ON o.cell_id = c.cell_id AND o.gemeente_code = g.gemeente_code
    GROUP BY c.cell_id, g.ggd_region_code
),
-- GGD values the source publishes itself (any division: GGD codes are stable).
ggd_published AS (
    SELECT c.cell_id, o.region_code AS ggd_region_code, o.value, o.status
    FROM observations o
    JOIN cells c USING (source, period, age_group, sex, indicator)
    WHERE o.region_level = 'ggd_regio'
),
unit_ggd_weights AS MATERIALIZED (
    SELECT unit_id, data_division, ggd_region_code, sum(weight) AS weight
    FROM unit_parts
    GROUP BY unit_id, data_division, ggd_region_code
),
-- Per unit and division: the regions involved, once (not per cell).
unit_ggd_regions AS (
    SELECT unit_id, data_division,
           string_agg(ggd_region_code, ',' ORDER BY ggd_region_code)                AS ggd_region_codes,
           -- coalesce: bool_and skips NULLs, and a missing region must count.
           bool_and(coalesce(ggd_region_code IS NOT NULL AND weight > 0, false))    AS weighted
    FROM unit_ggd_weights
    GROUP BY unit_id, data_division
),
unit_ggd AS (
    SELECT w.unit_id, c.cell_id,
           bool_and(coalesce(gp.status = 'measured', false))                        AS published_complete,
           bool_or(coalesce(gp.status = 'suppressed', false))                       AS published_suppressed,
           bool_and(coalesce(gc.complete, false))                                   AS computed_complete,
           bool_or(coalesce(gc.any_suppressed, false))                              AS computed_suppressed,
           sum(gp.value * w.weight) / sum(w.weight)                                 AS published_value,
           sum(gc.value * w.weight) / sum(w.weight)                                 AS computed_value
    FROM unit_ggd_weights w
    JOIN cells c ON c.division = w.data_division
    LEFT JOIN ggd_published gp ON gp.cell_id = c.cell_id AND gp.ggd_region_code = w.ggd_region_code
    LEFT JOIN ggd_computed gc ON gc.cell_id = c.cell_id AND gc.ggd_region_code = w.ggd_region_code
    GROUP BY w.unit_id, c.cell_id
),
nl AS (
    SELECT c.cell_id, o.value, o.status
    FROM observations o
    JOIN cells c USING (source, period, age_group, sex, indicator)
    WHERE o.region_level = 'land' AND o.region_code = 'NL01'
),
-- The spread of the gemeenten per cell: the Z-score scale without intervals.
spread AS (
    SELECT cell_id, stddev_samp(value) AS sd
    FROM gemeente_obs
    WHERE status = 'measured'
    GROUP BY cell_id
),
valued AS MATERIALIZED (
    SELECT uv.unit_id, uv.cell_id, c.series_id, c.period, uv.reaggregated,
           CASE WHEN uv.members_measured < uv.members THEN NULL
                WHEN uv.members = 1 AND NOT uv.reaggregated THEN uv.single_value
                ELSE round(uv.weighted_sum / uv.weight, 6) END                          AS value,
           CASE WHEN uv.members_measured = uv.members THEN 'measured'
                WHEN uv.members_suppressed > 0 THEN 'suppressed'
                ELSE 'incomplete' END                                                   AS status,
           CASE WHEN uv.members_measured = uv.members AND uv.members_with_se = uv.members
                THEN sqrt(uv.weighted_var) / uv.weight END                              AS se,
           CASE WHEN uv.members_measured = uv.members AND uv.members_with_se = uv.members
                THEN CASE WHEN uv.members = 1 AND NOT uv.reaggregated THEN uv.single_lower
                          ELSE round(uv.weighted_sum / uv.weight - 1.96 * sqrt(uv.weighted_var) / uv.weight, 6) END
                END                                                                     AS ci_lower,
           CASE WHEN uv.members_measured = uv.members AND uv.members_with_se = uv.members
                THEN CASE WHEN uv.members = 1 AND NOT uv.reaggregated THEN uv.single_upper
                          ELSE round(uv.weighted_sum / uv.weight + 1.96 * sqrt(uv.weighted_var) / uv.weight, 6) END
                END                                                                     AS ci_upper,
           uv.members::INTEGER                                                          AS members,
           (uv.members - uv.members_measured)::INTEGER                                  AS members_missing,
           CASE WHEN NOT gr.weighted THEN NULL
                WHEN g.published_complete THEN round(g.published_value, 6)
                WHEN g.computed_complete THEN round(g.computed_value, 6) END            AS ggd_value,
           CASE WHEN gr.weighted AND (g.published_complete OR g.computed_complete) THEN 'measured'
                WHEN g.published_suppressed OR g.computed_suppressed THEN 'suppressed'
                ELSE 'incomplete' END                                                   AS ggd_status,
           CASE WHEN NOT gr.weighted THEN NULL
                WHEN g.published_complete THEN 'gepubliceerd'
                WHEN g.computed_complete THEN 'berekend' END                            AS ggd_source,
           gr.ggd_region_codes,
           CASE WHEN nl.status = 'measured' THEN nl.value END                           AS nl_value,
           coalesce(nl.status, 'incomplete')                                            AS nl_status,
           sp.sd
    FROM unit_values uv
    JOIN cells c ON c.cell_id = uv.cell_id
    LEFT JOIN unit_ggd g ON g.unit_id = uv.unit_id AND g.cell_id = uv.cell_id
    LEFT JOIN unit_ggd_regions gr ON gr.unit_id = uv.unit_id AND gr.data_division = c.division
    LEFT JOIN nl ON nl.cell_id = uv.cell_id
    LEFT JOIN spread sp ON sp.cell_id = uv.cell_id
),
-- The previous edition of each cell (a join on few rows, cheaper than a
-- window over thousands of three-row series).
previous AS (
    SELECT c.cell_id, max(p.period) AS prev_period, arg_max(p.cell_id, p.period) AS prev_cell_id
    FROM cells c
    JOIN cells p ON p.series_id = c.series_id AND p.period < c.period
    GROUP BY c.cell_id
),
-- The baseline edition per accord and series: the latest before signing.
baselines AS (
    SELECT k.unit_id, c.series_id, max(c.period) AS baseline_period, arg_max(c.cell_id, c.period) AS baseline_cell_id
    FROM unit_keys k
    JOIN cells c ON c.period < k.signed_year
    GROUP BY k.unit_id, c.series_id
),
changed AS (
    SELECT v.*,
           round(v.value - v.ggd_value, 6)                                    AS diff_ggd,
           round(v.value - v.nl_value, 6)                                     AS diff_nl,
           CASE WHEN v.value IS NULL THEN NULL
                WHEN v.se IS NOT NULL THEN 'interval'
                WHEN v.sd IS NOT NULL THEN 'spreiding_gemeenten' END          AS z_basis,
           round((v.value - v.ggd_value) / nullif(coalesce(v.se, v.sd), 0), 6) AS z_ggd,
           round((v.value - v.nl_value) / nullif(coalesce(v.se, v.sd), 0), 6)  AS z_nl,
           pp.prev_period,
           round(v.value - pv.value, 6)                                       AS change_prev,
           CASE WHEN v.se IS NOT NULL AND pv.se IS NOT NULL AND pv.value IS NOT NULL
                THEN abs(v.value - pv.value) > 1.96 * sqrt(v.se ^ 2 + pv.se ^ 2) END AS significant_prev,
           bl.baseline_period,
           CASE WHEN v.period > bl.baseline_period THEN round(v.value - bv.value, 6) END AS change_baseline,
           CASE WHEN v.period > bl.baseline_period AND v.se IS NOT NULL AND bv.se IS NOT NULL AND bv.value IS NOT NULL
                THEN abs(v.value - bv.value) > 1.96 * sqrt(v.se ^ 2 + bv.se ^ 2) END AS significant_baseline
    FROM valued v
    LEFT JOIN previous pp ON pp.cell_id = v.cell_id
    LEFT JOIN valued pv ON pv.unit_id = v.unit_id AND pv.cell_id = pp.prev_cell_id
    LEFT JOIN baselines bl ON bl.unit_id = v.unit_id AND bl.series_id = v.series_id
    LEFT JOIN valued bv ON bv.unit_id = v.unit_id AND bv.cell_id = bl.baseline_cell_id
)
SELECT k.accord_id, k.unit_level, k.unit_code, c.source, c.division, c.period, c.age_group, c.sex, c.indicator,
       i.direction, x.value, x.status, x.ci_lower, x.ci_upper,
       x.members, x.members_missing, x.reaggregated,
       x.ggd_value, x.ggd_status, x.ggd_source, x.ggd_region_codes, x.nl_value, x.nl_status,
       x.diff_ggd, x.diff_nl, x.z_ggd, x.z_nl, x.z_basis,
       lpa_band(x.z_ggd) AS band_ggd, lpa_band(x.z_nl) AS band_nl,
       lpa_verdict(x.z_ggd, i.direction, 1) AS verdict_ggd, lpa_verdict(x.z_nl, i.direction, 1) AS verdict_nl,
       x.prev_period, x.change_prev, x.significant_prev, lpa_verdict(x.change_prev, i.direction, 0) AS verdict_prev,
       x.baseline_period, x.change_baseline, x.significant_baseline,
       lpa_verdict(x.change_baseline, i.direction, 0) AS verdict_baseline
FROM changed x
JOIN unit_keys k USING (unit_id)
JOIN cells c USING (cell_id)
LEFT JOIN indicators i ON i.indicator = c.indicator
ORDER BY k.accord_id, k.unit_level, k.unit_code, c.source, c.period, c.age_group, c.sex, c.indicator
