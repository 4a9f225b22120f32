-- accord_effect: does an accord make a difference? A difference in
-- differences per accord and NPA indicator, against matched gemeenten
-- without an accord.
--
-- Round: getvariable('round') (accords signed on or before it; editions of
-- its year or earlier).
--
-- Method, per accord, source, age group, sex and NPA indicator (catalogue
-- npa_core):
--   from_period  the baseline: the latest edition before the signing year;
--   to_period    the latest edition of the round;
--   treated      the member gemeenten, in the accord's own division (no
--                re-aggregation: members and controls are read in the
--                division of the data, which must equal the accord's);
--   controls     for each member t, the k = 5 gemeenten without an accord
--                (members of no accord of the round) nearest to t on two
--                standardised characteristics at from_period: log(inhabitants)
--                and moeite_met_rondkomen (the monitor's deprivation
--                indicator; z-scores over all gemeenten of the cell). Urbanity
--                is not in lpa's sources, so it is not matched on. Controls
--                are drawn with replacement.
--   did_t        (value_t(to) - value_t(from)) - mean over t's controls of
--                (value_c(to) - value_c(from));
--   did          the accord's difference in differences: the mean of did_t
--                weighted by the members' inhabitants (regions.population);
--   treated_change, control_change  the two terms, weighted alike;
--   ci_lower, ci_upper  did +- 1.96 * se, se = sqrt(sum(w_t^2 * var_t)) /
--                sum(w_t) with var_t = the variance of t's control changes / k.
--                The members' own changes are taken as exact, because
--                50090NED publishes no intervals.
--   status       measured when every member has a measured value in both
--                editions (n_treated = members); otherwise incomplete, and the
--                numbers are NULL: like the population metrics, no partial
--                aggregate stands in for the accord, and nothing rests on a
--                suppressed cell.
--   verdict      gunstig / ongunstig when the interval excludes 0 on the
--                good / bad side for the indicator's direction, else
--                niet_onderscheidbaar.
-- Limits: the monitor values are small-area model estimates (SMAP) that
-- borrow strength from neighbouring areas and characteristics, so accord and
-- control gemeenten share model structure and real local effects are
-- damped; there are only three editions (2012, 2016, 2020), so for accords
-- of 2019/2020 the "after" edition is at most one year after signing; the
-- interval ignores the estimates' own error and the matching error. Read a
-- result as a signal to look into, never as proof.
--
-- Inputs (public views): observations, regions, accords, accord_members,
-- indicators. Output columns: accord_id, source, age_group, sex, indicator,
-- direction, from_period, to_period, members, n_treated, n_controls, status, treated_change,
-- control_change, did, ci_lower, ci_upper, verdict. Changes in the
-- indicator's unit (percentage points for %).
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
in_round AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
treated AS (
    SELECT a.accord_id, a.division, a.signed_year, m.gemeente_code
    FROM in_round a JOIN accord_members m USING (accord_id)
),
gem AS MATERIALIZED (
    SELECT o.source, o.division, o.period, o.age_group, o.sex, o.indicator, o.region_code AS gemeente_code,
           o.value
    FROM observations o, params p
    WHERE o.region_level = 'gemeente' AND o.status = 'measured' AND o.period <= p.round_year
),
pop AS (
    SELECT division, region_code AS gemeente_code, population
    FROM regions WHERE region_level = 'gemeente' AND population > 0
),
npa AS (
    SELECT indicator, direction FROM indicators WHERE npa_core
),
-- The editions of each NPA cell, once; then the editions compared per accord.
cell_periods AS MATERIALIZED (
    SELECT DISTINCT g.source, g.division, g.age_group, g.sex, g.indicator, g.period
    FROM gem g JOIN npa USING (indicator)
),
spans AS MATERIALIZED (
    SELECT t.accord_id, c.source, c.division, c.age_group, c.sex, c.indicator,
           max(c.period) FILTER (WHERE c.period < t.signed_year) AS from_period,
           max(c.period)                                        AS to_period
    FROM (SELECT DISTINCT accord_id, division, signed_year FROM treated) t
    JOIN cell_periods c ON c.division = t.division
    GROUP BY ALL
    HAVING max(c.period) FILTER (WHERE c.period < t.signed_year) IS NOT NULL
       AND max(c.period) > max(c.period) FILTER (WHERE c.period < t.signed_year)
),
-- Matching characteristics at from_period, standardised over all gemeenten.
traits AS MATERIALIZED (
    SELECT g.source, g.division, g.period, g.age_group, g.sex, g.gemeente_code,
           (ln(p.population) - avg(ln(p.population)) OVER c) / stddev_samp(ln(p.population)) OVER c AS z_pop,
           (g.value - avg(g.value) OVER c) / stddev_samp(g.value) OVER c                            AS z_dep
    FROM gem g
    JOIN pop p USING (division, gemeente_code)
    WHERE g.indicator = 'moeite_met_rondkomen'
    WINDOW c AS (PARTITION BY g.source, g.division, g.period, g.age_group, g.sex)
),
in_any_accord AS (
    SELECT DISTINCT division, gemeente_code FROM treated
),
candidates AS (
    SELECT tr.* FROM traits tr
    WHERE NOT EXISTS (SELECT 1 FROM in_any_accord x
                      WHERE x.division = tr.division AND x.gemeente_code = tr.gemeente_code)
),
periods AS (
    SELECT DISTINCT accord_id, source, division, age_group, sex, from_period FROM spans
),
matches AS MATERIALIZED (
    SELECT * FROM (
        SELECT s.accord_id, s.source, s.division, s.age_group, s.sex, s.from_period,
               t.gemeente_code AS member, c.gemeente_code AS control,
               row_number() OVER (PARTITION BY s.accord_id, s.source, s.age_group, s.sex, t.gemeente_code
                                  ORDER BY (c.z_pop - me.z_pop) ^ 2 + (c.z_dep - me.z_dep) ^ 2, c.gemeente_code) AS rank
        FROM periods s
        JOIN treated t ON t.accord_id = s.accord_id AND t.division = s.division
        JOIN traits me ON me.source = s.source AND me.division = s.division AND me.period = s.from_period
                      AND me.age_group = s.age_group AND me.sex = s.sex AND me.gemeente_code = t.gemeente_code
        JOIN candidates c ON c.source = s.source AND c.division = s.division AND c.period = s.from_period
                         AND c.age_group = s.age_group AND c.sex = s.sex
    ) WHERE rank <= 5
),
-- Each gemeente's change once per pair of editions, whatever the accord.
span_keys AS (
    SELECT DISTINCT source, division, age_group, sex, indicator, from_period, to_period FROM spans
),
gemeente_changes AS MATERIALIZED (
    SELECT s.source, s.division, s.age_group, s.sex, s.indicator, s.from_period, s.to_period,
           g1.gemeente_code, g2.value - g1.value AS change
    FROM span_keys s
    JOIN gem g1 ON g1.source = s.source AND g1.division = s.division AND g1.period = s.from_period
               AND g1.age_group = s.age_group AND g1.sex = s.sex AND g1.indicator = s.indicator
    JOIN gem g2 ON g2.source = s.source AND g2.division = s.division AND g2.period = s.to_period
               AND g2.age_group = s.age_group AND g2.sex = s.sex AND g2.indicator = s.indicator
               AND g2.gemeente_code = g1.gemeente_code
),
-- Each member's matches with the indicators compared (materialised, so the
-- join below starts from the few matches, not from every gemeente's change).
match_spans AS MATERIALIZED (
    SELECT m.accord_id, m.source, m.division, m.age_group, m.sex, m.member, m.control,
           s.indicator, s.from_period, s.to_period
    FROM matches m
    JOIN spans s ON s.accord_id = m.accord_id AND s.source = m.source AND s.division = m.division
                AND s.age_group = m.age_group AND s.sex = m.sex AND s.from_period = m.from_period
),
per_member AS (
    SELECT s.accord_id, s.source, s.age_group, s.sex, s.indicator, s.from_period, s.to_period,
           s.member, p.population AS weight,
           any_value(tc.change)       AS treated_change,
           avg(cc.change)             AS control_change,
           var_samp(cc.change) / count(cc.change) AS var_control,
           count(cc.change)           AS n_controls
    FROM match_spans s
    JOIN gemeente_changes tc
      ON tc.source = s.source AND tc.division = s.division AND tc.age_group = s.age_group AND tc.sex = s.sex
     AND tc.indicator = s.indicator AND tc.from_period = s.from_period AND tc.to_period = s.to_period
     AND tc.gemeente_code = s.member
    JOIN gemeente_changes cc
      ON cc.source = s.source AND cc.division = s.division AND cc.age_group = s.age_group AND cc.sex = s.sex
     AND cc.indicator = s.indicator AND cc.from_period = s.from_period AND cc.to_period = s.to_period
     AND cc.gemeente_code = s.control
    JOIN pop p ON p.division = s.division AND p.gemeente_code = s.member
    GROUP BY ALL
),
members AS (
    SELECT accord_id, count(*) AS members FROM treated GROUP BY ALL
),
accord_level AS (
    SELECT accord_id, source, age_group, sex, indicator, from_period, to_period,
           count(*)                                                           AS n_treated,
           sum(n_controls)                                                    AS n_controls,
           sum(treated_change * weight) / sum(weight)                         AS treated_change,
           sum(control_change * weight) / sum(weight)                         AS control_change,
           sqrt(sum(weight ^ 2 * var_control)) / sum(weight)                  AS se
    FROM per_member
    GROUP BY ALL
)
SELECT a.accord_id, a.source, a.age_group, a.sex, a.indicator, n.direction, a.from_period, a.to_period,
       mb.members::INTEGER AS members, a.n_treated::INTEGER AS n_treated, a.n_controls::INTEGER AS n_controls,
       CASE WHEN complete THEN 'measured' ELSE 'incomplete' END    AS status,
       CASE WHEN complete THEN round(a.treated_change, 6) END       AS treated_change,
       CASE WHEN complete THEN round(a.control_change, 6) END       AS control_change,
       CASE WHEN complete THEN round(a.treated_change - a.control_change, 6) END               AS did,
       CASE WHEN complete THEN round(a.treated_change - a.control_change - 1.96 * a.se, 6) END AS ci_lower,
       CASE WHEN complete THEN round(a.treated_change - a.control_change + 1.96 * a.se, 6) END AS ci_upper,
       CASE WHEN NOT complete THEN NULL
            WHEN a.se IS NULL OR n.direction = 'neutraal' THEN 'niet_onderscheidbaar'
            WHEN a.treated_change - a.control_change - 1.96 * a.se > 0
                 THEN CASE n.direction WHEN 'hoger_beter' THEN 'gunstig' ELSE 'ongunstig' END
            WHEN a.treated_change - a.control_change + 1.96 * a.se < 0
                 THEN CASE n.direction WHEN 'hoger_beter' THEN 'ongunstig' ELSE 'gunstig' END
            ELSE 'niet_onderscheidbaar' END                          AS verdict
FROM accord_level a
JOIN members mb USING (accord_id)
JOIN npa n USING (indicator),
LATERAL (SELECT a.n_treated = mb.members AS complete)
ORDER BY a.accord_id, a.source, a.age_group, a.sex, a.indicator
