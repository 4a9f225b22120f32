-- The NPA indicators of gemeenten with and without an accord, side by side,
-- for the national factsheet. Parameter: the round.
--
-- Per NPA indicator of the catalogue (npa_core) in the monitor's small-area
-- table (50090NED, 18 jaar of ouder, both sexes), in its latest edition of
-- the round's year or earlier and the edition before it:
--   with_*     gemeenten that take part in an accord closed on or before the
--              round (accords, accord_members), in the accords' division;
--   without_*  every other gemeente of the table;
--   *_value    the mean over the group's gemeenten with a measured value,
--              weighted by inhabitants (regions.population); *_n the
--              gemeenten with a measured value, *_total all of the group;
--   did_*      the accords' differences in differences (accord_effects, the
--              same source, age group and sex) with a measured effect: how
--              many, their mean (percentage points), and how many are
--              gunstig, ongunstig and niet_onderscheidbaar.
-- Output: indicator, label, unit, direction, period, prev_period,
-- with_value, with_prev, with_n, with_total, without_value, without_prev,
-- without_n, without_total, did_accords, did_mean, did_gunstig,
-- did_ongunstig, did_niet. Inputs (public views): observations, regions,
-- indicators, accords, accord_members, accord_effects.
WITH params AS (
    SELECT ?::DATE AS round
),
closed AS (
    SELECT a.accord_id, a.division FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= year(p.round))
),
members AS (
    SELECT DISTINCT m.gemeente_code, c.division FROM closed c JOIN accord_members m USING (accord_id)
),
obs AS (
    SELECT o.indicator, o.period, o.region_code, o.value, o.status, g.population,
           mb.gemeente_code IS NOT NULL AS with_accord
    FROM observations o
    JOIN indicators i ON i.indicator = o.indicator AND i.npa_core
    JOIN regions g ON g.region_level = 'gemeente' AND g.region_code = o.region_code AND g.division = o.division
    LEFT JOIN members mb ON mb.gemeente_code = o.region_code AND mb.division = o.division
    WHERE o.source = '50090NED' AND o.region_level = 'gemeente' AND o.age_group = '20300'
      AND coalesce(o.sex, 'totaal') = 'totaal' AND o.period <= (SELECT year(round) FROM params)
),
latest AS (
    SELECT indicator, max(period) AS period FROM obs GROUP BY indicator
),
prev AS (
    SELECT o.indicator, max(o.period) AS period
    FROM obs o JOIN latest l USING (indicator)
    WHERE o.period < l.period GROUP BY o.indicator
),
groups AS (
    SELECT indicator, period, with_accord,
           -- Ordered sums: a parallel scan adds in any order, and floating
           -- point sums differ in their last bits; the fingerprint of the
           -- report hashes these values.
           sum(value * population ORDER BY region_code) FILTER (WHERE status = 'measured')
               / nullif(sum(population ORDER BY region_code) FILTER (WHERE status = 'measured'), 0) AS value,
           count(*) FILTER (WHERE status = 'measured') AS n, count(*) AS total
    FROM obs GROUP BY ALL
),
effects AS (
    SELECT indicator, count(*) AS accords, avg(did ORDER BY accord_id) AS did_mean,
           count(*) FILTER (WHERE verdict = 'gunstig') AS gunstig,
           count(*) FILTER (WHERE verdict = 'ongunstig') AS ongunstig,
           count(*) FILTER (WHERE verdict = 'niet_onderscheidbaar') AS niet
    FROM accord_effects
    WHERE round = (SELECT round FROM params) AND source = '50090NED' AND age_group = '20300'
      AND sex = 'totaal' AND status = 'measured'
    GROUP BY indicator
)
SELECT i.indicator, coalesce(i.label_nl, i.indicator), coalesce(i.unit, ''), coalesce(i.direction, ''),
       l.period, coalesce(p.period, 0),
       w.value, wp.value, coalesce(w.n, 0), coalesce(w.total, 0),
       z.value, zp.value, coalesce(z.n, 0), coalesce(z.total, 0),
       coalesce(e.accords, 0), e.did_mean, coalesce(e.gunstig, 0), coalesce(e.ongunstig, 0), coalesce(e.niet, 0)
FROM indicators i
JOIN latest l USING (indicator)
LEFT JOIN prev p USING (indicator)
LEFT JOIN groups w ON w.indicator = i.indicator AND w.period = l.period AND w.with_accord
LEFT JOIN groups wp ON wp.indicator = i.indicator AND wp.period = p.period AND wp.with_accord
LEFT JOIN groups z ON z.indicator = i.indicator AND z.period = l.period AND NOT z.with_accord
LEFT JOIN groups zp ON zp.indicator = i.indicator AND zp.period = p.period AND NOT zp.with_accord
LEFT JOIN effects e ON e.indicator = i.indicator
ORDER BY coalesce(i.sort_order, 9999), i.indicator
