-- goal_progress: progress of every goal with an indicator, per round.
--
-- Goals: the accords' own goals (accord_goals, goal_kind 'akkoord') and, for
-- every accord, the national reference goals (reference_goals: the NPA's
-- 2040 ambitions, goal_kind 'npa_2040').
-- Round: getvariable('round'); accords signed on or before it, editions of
-- its year or earlier.
--
-- Series: the accord-level values of population_metrics of the same round
-- for the goal's indicator (sex totaal), from one source: 50090NED when it
-- has the indicator (the same model for every edition), else the source with
-- the most editions. Suppressed or incomplete editions are left out of the
-- series (never turned into numbers).
--
--   baseline   an own goal's baseline_period and baseline_value when the
--              registry gives them (a period without a value takes the
--              series' value of that period); otherwise, and for reference
--              goals, the series' last edition before the accord was signed
--              (for the NPA ambitions: before the NPA, November 2018).
--   latest     the series' latest edition.
--   progress   (latest - baseline) / (target - baseline): 0 at the baseline,
--              1 when the target is reached; NULL without target or when
--              target = baseline.
--   projection ordinary least squares over the series' editions from the
--              baseline on (value against year), evaluated at the deadline
--              year, and for a percentage kept within 0-100; needs two or
--              more editions.
--   verdict    behaald       latest already meets the target (at or beyond
--                            it in the indicator's direction);
--              op_koers      the projection meets the target by the deadline;
--              niet_op_koers it does not;
--              geen_gegevens no indicator, no target, no deadline, no value,
--                            or fewer than two editions for a projection
--                            (reason says which).
-- For an indicator without a direction (neutraal) "meets" means: at or
-- beyond the target on the side of the baseline's movement towards it.
--
-- Inputs: accords, accord_goals, reference_goals, indicators,
-- store.population_metric (this round). Output columns: those of
-- store.goal_progress but round and computed_at.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
in_round AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
goals AS (
    SELECT g.accord_id, 'akkoord' AS goal_kind, g.goal_no, g.goal, g.indicator, g.baseline_period,
           g.baseline_value, g.target_value, g.deadline_year, g.example_data,
           a.signed_year AS before_year
    FROM accord_goals g JOIN in_round a USING (accord_id)
    UNION ALL
    SELECT a.accord_id, r.goal_set, row_number() OVER (PARTITION BY a.accord_id ORDER BY r.indicator)::INTEGER,
           r.label_nl, r.indicator, NULL, NULL, r.target_value, r.deadline_year, a.example_data,
           2019 AS before_year  -- the NPA was signed in November 2018
    FROM in_round a CROSS JOIN reference_goals r
),
series AS MATERIALIZED (
    SELECT pm.accord_id, pm.source, pm.indicator, pm.period, pm.value
    FROM store.population_metric pm, params p
    WHERE pm.round = p.round AND pm.unit_level = 'akkoord' AND pm.sex = 'totaal' AND pm.status = 'measured'
),
sources AS (
    SELECT accord_id, indicator,
           arg_max(source, (source = '50090NED')::INTEGER * 1000 + editions) AS source
    FROM (SELECT accord_id, indicator, source, count(*) AS editions FROM series GROUP BY ALL)
    GROUP BY ALL
),
framed AS (
    SELECT g.*, i.direction, s.source,
           coalesce(g.baseline_period,
                    (SELECT max(x.period) FROM series x
                     WHERE x.accord_id = g.accord_id AND x.indicator = g.indicator AND x.source = s.source
                       AND x.period < g.before_year)) AS base_period
    FROM goals g
    LEFT JOIN indicators i USING (indicator)
    LEFT JOIN sources s USING (accord_id, indicator)
),
measured AS (
    SELECT f.accord_id, f.goal_kind, f.goal_no,
           coalesce(f.baseline_value, any_value(x.value) FILTER (WHERE x.period = f.base_period)) AS base_value,
           max(x.period)                                                   AS latest_period,
           arg_max(x.value, x.period)                                      AS latest_value,
           count(x.value) FILTER (WHERE x.period >= f.base_period)         AS editions,
           regr_slope(x.value, x.period) FILTER (WHERE x.period >= f.base_period)     AS slope,
           regr_intercept(x.value, x.period) FILTER (WHERE x.period >= f.base_period) AS intercept
    FROM framed f
    LEFT JOIN series x ON x.accord_id = f.accord_id AND x.indicator = f.indicator AND x.source = f.source
    GROUP BY f.accord_id, f.goal_kind, f.goal_no, f.baseline_value, f.base_period
),
judged AS (
    SELECT f.*, m.base_value, m.latest_period, m.latest_value, m.editions, m.slope,
           -- a percentage cannot leave 0-100, however steep the trend
           CASE WHEN m.editions >= 2 AND f.deadline_year IS NOT NULL
                THEN CASE WHEN i.unit = '%' THEN least(100, greatest(0, m.intercept + m.slope * f.deadline_year))
                          ELSE m.intercept + m.slope * f.deadline_year END END AS projected,
           -- +1 when higher values are on the target's side, -1 when lower
           CASE WHEN f.direction = 'hoger_beter' THEN 1
                WHEN f.direction = 'lager_beter' THEN -1
                WHEN f.target_value >= m.base_value THEN 1 ELSE -1 END AS sense
    FROM framed f
    JOIN measured m USING (accord_id, goal_kind, goal_no)
    LEFT JOIN indicators i USING (indicator)
)
SELECT accord_id, goal_kind, goal_no, goal, indicator, direction, source,
       base_period AS baseline_period, round(base_value, 6) AS baseline_value,
       latest_period, round(latest_value, 6) AS latest_value, target_value, deadline_year,
       -- + 0.0: no negative zero when latest equals the baseline
       CASE WHEN target_value IS NOT NULL AND target_value <> base_value AND latest_value IS NOT NULL
            THEN round((latest_value - base_value) / (target_value - base_value), 6) + 0.0 END AS progress,
       editions::INTEGER AS editions,
       round(slope, 6) AS slope_per_year,
       round(projected, 6) AS projected_value,
       CASE WHEN indicator IS NULL OR target_value IS NULL OR latest_value IS NULL THEN 'geen_gegevens'
            WHEN (latest_value - target_value) * sense >= 0 THEN 'behaald'
            WHEN deadline_year IS NULL OR projected IS NULL THEN 'geen_gegevens'
            WHEN (projected - target_value) * sense >= 0 THEN 'op_koers'
            ELSE 'niet_op_koers' END AS verdict,
       CASE WHEN indicator IS NULL THEN 'geen indicator'
            WHEN target_value IS NULL THEN 'geen streefwaarde'
            WHEN latest_value IS NULL THEN 'geen waarde'
            WHEN (latest_value - target_value) * sense >= 0 THEN NULL
            WHEN deadline_year IS NULL THEN 'geen termijn'
            WHEN projected IS NULL THEN 'minder dan twee edities sinds de nulmeting' END AS reason,
       example_data
FROM judged
ORDER BY accord_id, goal_kind, goal_no
