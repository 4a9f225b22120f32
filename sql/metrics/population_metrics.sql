-- population_metrics: population indicators per accord and per member
-- gemeente, as of a round, with GGD and NL benchmarks, Z-score bands and
-- changes over editions.
--
-- Round: getvariable('round') is the peildatum. Only accords signed on or
-- before it take part (signed_on, or signed_year when only the year is
-- known), and only editions of that year or earlier (period <= its year).
--
-- Units: every accord (unit_level 'akkoord', unit_code = accord id) and each
-- of its members (unit_level 'gemeente', unit_code = gemeente code), for every
-- cell the gemeente level of the warehouse holds (source, municipal division,
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
gemeente_obs AS MATERIALIZED (
    SELECT source, division, period, age_group, sex, indicator, region_code AS gemeente_code,
           value, status, ci_lower, ci_upper, (ci_upper - ci_lower) / 3.92 AS se
    FROM observations, params
    WHERE region_level = 'gemeente' AND period <= round_year
),
cells AS MATERIALIZED (
    SELECT DISTINCT source, division, period, age_group, sex, indicator FROM gemeente_obs
),
gemeenten AS MATERIALIZED (
    SELECT division, region_code AS gemeente_code, population, ggd_region_code
    FROM regions
    WHERE region_level = 'gemeente'
),
units AS (
    SELECT a.accord_id, 'akkoord' AS unit_level, a.accord_id AS unit_code, a.division, a.signed_year, m.gemeente_code
    FROM in_round a JOIN accord_members m USING (accord_id)
    UNION ALL
    SELECT a.accord_id, 'gemeente', m.gemeente_code, a.division, a.signed_year, m.gemeente_code
    FROM in_round a JOIN accord_members m USING (accord_id)
),
-- The gemeenten g that make up each unit in each division, with weights.
parts AS (
    SELECT u.accord_id, u.unit_level, u.unit_code, u.division AS data_division, u.gemeente_code,
           g.population::DOUBLE AS weight, false AS reaggregated
    FROM units u
    LEFT JOIN gemeenten g ON g.division = u.division AND g.gemeente_code = u.gemeente_code
    UNION ALL
    SELECT u.accord_id, u.unit_level, u.unit_code, cw.from_division, cw.from_code, g.population * cw.share,
           cw.from_code <> u.gemeente_code OR cw.share <> 1
    FROM units u
    JOIN gemeente_crosswalk cw
      ON cw.to_division = u.division AND cw.to_code = u.gemeente_code AND cw.from_division < u.division
    LEFT JOIN gemeenten g ON g.division = cw.from_division AND g.gemeente_code = cw.from_code
    UNION ALL
    SELECT u.accord_id, u.unit_level, u.unit_code, cw.to_division, cw.to_code, g.population * cw.share,
           cw.to_code <> u.gemeente_code OR cw.share <> 1
    FROM units u
    JOIN gemeente_crosswalk cw
      ON cw.from_division = u.division AND cw.from_code = u.gemeente_code AND cw.to_division > u.division
    LEFT JOIN gemeenten g ON g.division = u.division AND g.gemeente_code = u.gemeente_code
),
unit_parts AS MATERIALIZED (
    SELECT p.accord_id, p.unit_level, p.unit_code, p.data_division, p.gemeente_code,
           CASE WHEN count(*) = count(p.weight) THEN sum(p.weight) END AS weight,
           bool_or(p.reaggregated) AS reaggregated,
           any_value(g.ggd_region_code) AS ggd_region_code
    FROM parts p
    LEFT JOIN gemeenten g ON g.division = p.data_division AND g.gemeente_code = p.gemeente_code
    GROUP BY ALL
),
unit_cells AS MATERIALIZED (
    SELECT up.accord_id, up.unit_level, up.unit_code, up.reaggregated, c.*
    FROM cells c
    JOIN (SELECT accord_id, unit_level, unit_code, data_division, bool_or(reaggregated) AS reaggregated
          FROM unit_parts GROUP BY ALL) up
      ON up.data_division = c.division
),
unit_values AS (
    SELECT uc.accord_id, uc.unit_level, uc.unit_code, uc.source, uc.division, uc.period, uc.age_group,
           uc.sex, uc.indicator,
           any_value(uc.reaggregated)                                        AS reaggregated,
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
    FROM unit_cells uc
    JOIN unit_parts p
      ON p.accord_id = uc.accord_id AND p.unit_level = uc.unit_level AND p.unit_code = uc.unit_code
     AND p.data_division = uc.division
    LEFT JOIN gemeente_obs o
           ON o.source = uc.source AND o.division = uc.division AND o.gemeente_code = p.gemeente_code
          AND o.period = uc.period AND o.age_group = uc.age_group AND o.sex = uc.sex
          AND o.indicator = uc.indicator
    GROUP BY ALL
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
unit_ggd_weights AS MATERIALIZED (
    SELECT accord_id, unit_level, unit_code, data_division, ggd_region_code, sum(weight) AS weight
    FROM unit_parts
    GROUP BY ALL
),
-- Per unit and division: the regions involved, once (not per cell).
unit_ggd_regions AS (
    SELECT accord_id, unit_level, unit_code, data_division,
           string_agg(ggd_region_code, ',' ORDER BY ggd_region_code)                AS ggd_region_codes,
           -- coalesce: bool_and skips NULLs, and a missing region must count.
           bool_and(coalesce(ggd_region_code IS NOT NULL AND weight > 0, false))    AS weighted
    FROM unit_ggd_weights
    GROUP BY ALL
),
unit_ggd AS (
    SELECT uc.accord_id, uc.unit_level, uc.unit_code, uc.source, uc.division, uc.period, uc.age_group,
           uc.sex, uc.indicator,
           bool_and(coalesce(gp.status = 'measured', false))                        AS published_complete,
           bool_or(coalesce(gp.status = 'suppressed', false))                       AS published_suppressed,
           bool_and(coalesce(gc.complete, false))                                   AS computed_complete,
           bool_or(coalesce(gc.any_suppressed, false))                              AS computed_suppressed,
           sum(gp.value * w.weight) / sum(w.weight)                                 AS published_value,
           sum(gc.value * w.weight) / sum(w.weight)                                 AS computed_value
    FROM unit_cells uc
    JOIN unit_ggd_weights w
      ON w.accord_id = uc.accord_id AND w.unit_level = uc.unit_level AND w.unit_code = uc.unit_code
     AND w.data_division = uc.division
    LEFT JOIN ggd_published gp
           ON gp.source = uc.source AND gp.ggd_region_code = w.ggd_region_code AND gp.period = uc.period
          AND gp.age_group = uc.age_group AND gp.sex = uc.sex AND gp.indicator = uc.indicator
    LEFT JOIN ggd_computed gc
           ON gc.source = uc.source AND gc.division = uc.division AND gc.ggd_region_code = w.ggd_region_code
          AND gc.period = uc.period AND gc.age_group = uc.age_group AND gc.sex = uc.sex AND gc.indicator = uc.indicator
    GROUP BY ALL
),
nl AS (
    SELECT source, period, age_group, sex, indicator, value, status
    FROM observations
    WHERE region_level = 'land' AND region_code = 'NL01'
),
-- The spread of the gemeenten per cell: the Z-score scale without intervals.
spread AS (
    SELECT source, division, period, age_group, sex, indicator, stddev_samp(value) AS sd
    FROM gemeente_obs
    WHERE status = 'measured'
    GROUP BY ALL
),
valued AS MATERIALIZED (
    SELECT uv.accord_id, uv.unit_level, uv.unit_code, uv.source, uv.division, uv.period, uv.age_group,
           uv.sex, uv.indicator, uv.reaggregated,
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
           sp.sd,
           i.direction,
           hash(uv.accord_id, uv.unit_level, uv.unit_code, uv.source, uv.age_group, uv.sex, uv.indicator) AS series
    FROM unit_values uv
    LEFT JOIN unit_ggd g USING (accord_id, unit_level, unit_code, source, division, period, age_group, sex, indicator)
    LEFT JOIN unit_ggd_regions gr
           ON gr.accord_id = uv.accord_id AND gr.unit_level = uv.unit_level AND gr.unit_code = uv.unit_code
          AND gr.data_division = uv.division
    LEFT JOIN nl USING (source, period, age_group, sex, indicator)
    LEFT JOIN spread sp USING (source, division, period, age_group, sex, indicator)
    LEFT JOIN indicators i USING (indicator)
),
-- The previous edition of each cell (a join on few rows, cheaper than a
-- window over thousands of three-row series).
previous AS (
    SELECT c.source, c.division, c.age_group, c.sex, c.indicator, c.period, max(p.period) AS prev_period
    FROM cells c
    JOIN cells p USING (source, division, age_group, sex, indicator)
    WHERE p.period < c.period
    GROUP BY ALL
),
-- The baseline edition per accord and series: the latest before signing.
baselines AS (
    SELECT a.accord_id, c.source, c.age_group, c.sex, c.indicator, max(c.period) AS baseline_period
    FROM in_round a
    JOIN cells c ON c.period < a.signed_year
    GROUP BY ALL
),
scored AS MATERIALIZED (
    SELECT v.*,
           round(v.value - v.ggd_value, 6)                                    AS diff_ggd,
           round(v.value - v.nl_value, 6)                                     AS diff_nl,
           coalesce(v.se, v.sd)                                               AS scale,
           CASE WHEN v.value IS NULL THEN NULL
                WHEN v.se IS NOT NULL THEN 'interval'
                WHEN v.sd IS NOT NULL THEN 'spreiding_gemeenten' END          AS z_basis,
           pp.prev_period,
           pv.value                                                           AS prev_value,
           pv.se                                                              AS prev_se,
           bp.baseline_period
    FROM valued v
    LEFT JOIN previous pp
           ON pp.source = v.source AND pp.division = v.division AND pp.age_group = v.age_group
          AND pp.sex = v.sex AND pp.indicator = v.indicator AND pp.period = v.period
    LEFT JOIN valued pv
           ON pv.series = v.series AND pv.period = pp.prev_period
    LEFT JOIN baselines bp
           ON bp.accord_id = v.accord_id AND bp.source = v.source AND bp.age_group = v.age_group
          AND bp.sex = v.sex AND bp.indicator = v.indicator
),
changed AS (
    SELECT s.*,
           round((s.value - s.ggd_value) / nullif(s.scale, 0), 6)             AS z_ggd,
           round((s.value - s.nl_value) / nullif(s.scale, 0), 6)              AS z_nl,
           round(s.value - s.prev_value, 6)                                   AS change_prev,
           CASE WHEN s.se IS NOT NULL AND s.prev_se IS NOT NULL AND s.prev_value IS NOT NULL
                THEN abs(s.value - s.prev_value) > 1.96 * sqrt(s.se ^ 2 + s.prev_se ^ 2) END AS significant_prev,
           CASE WHEN s.period > s.baseline_period THEN round(s.value - b.value, 6) END AS change_baseline,
           CASE WHEN s.period > s.baseline_period AND s.se IS NOT NULL AND b.se IS NOT NULL AND b.value IS NOT NULL
                THEN abs(s.value - b.value) > 1.96 * sqrt(s.se ^ 2 + b.se ^ 2) END AS significant_baseline
    FROM scored s
    LEFT JOIN valued b
           ON b.accord_id = s.accord_id AND b.unit_level = s.unit_level AND b.unit_code = s.unit_code
          AND b.source = s.source AND b.age_group = s.age_group AND b.sex = s.sex
          AND b.indicator = s.indicator AND b.period = s.baseline_period
)
SELECT accord_id, unit_level, unit_code, source, division, period, age_group, sex, indicator, direction,
       value, status, ci_lower, ci_upper,
       members, members_missing, reaggregated,
       ggd_value, ggd_status, ggd_source, ggd_region_codes, nl_value, nl_status,
       diff_ggd, diff_nl, z_ggd, z_nl, z_basis,
       lpa_band(z_ggd) AS band_ggd, lpa_band(z_nl) AS band_nl,
       lpa_verdict(z_ggd, direction, 1) AS verdict_ggd, lpa_verdict(z_nl, direction, 1) AS verdict_nl,
       prev_period, change_prev, significant_prev, lpa_verdict(change_prev, direction, 0) AS verdict_prev,
       baseline_period, change_baseline, significant_baseline,
       lpa_verdict(change_baseline, direction, 0) AS verdict_baseline
FROM changed
ORDER BY accord_id, unit_level, unit_code, source, period, age_group, sex, indicator
