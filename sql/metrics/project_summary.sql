-- project_summary: the project level per accord, as of a round.
--
-- Round: getvariable('round'); accords signed on or before it; reach of the
-- quarters that start on or before it. Interventions as registered (status
-- gepland | lopend | afgerond | gestopt).
--
-- Output (one row per accord and theme of its interventions or goals):
--   accord_id, theme
--   interventions            interventions with that theme
--   recognised               of those, recognised in the Loketgezondleven
--                            database (loketgezondleven = true)
--   recognition_known        of those, with loketgezondleven known
--   share_recognised         recognised / recognition_known (0-1)
--   planned_participants, reached_participants, reach_share
--                            over the quarters up to the round (reach_share
--                            = reached / planned)
--   goals                    the accord's goals with that theme
--   npa_theme                the theme is one of the NPA's three
--   gap                      'npa_thema_zonder_doel' (an NPA theme with
--                            interventions but no goal), 'doel_zonder_interventie'
--                            (goals on a theme without any intervention), or NULL
--   example_data
-- Inputs: accords, accord_goals, project_interventions, project_reach.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
in_round AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
reach AS (
    SELECT r.accord_id, r.intervention_id, sum(r.planned_participants) AS planned,
           sum(r.reached_participants) AS reached, bool_or(r.example_data) AS ex
    FROM project_reach r, params p
    WHERE r.quarter_start <= p.round
    GROUP BY ALL
),
interventions AS (
    SELECT i.accord_id, coalesce(i.theme, 'overig') AS theme, count(*) AS interventions,
           count(*) FILTER (WHERE i.loketgezondleven)               AS recognised,
           count(i.loketgezondleven)                                 AS recognition_known,
           sum(r.planned) AS planned, sum(r.reached) AS reached,
           bool_or(i.example_data OR coalesce(r.ex, false))          AS ex
    FROM project_interventions i
    JOIN in_round USING (accord_id)
    LEFT JOIN reach r USING (accord_id, intervention_id)
    GROUP BY ALL
),
goals AS (
    SELECT g.accord_id, g.theme, count(*) AS goals, bool_or(g.example_data) AS ex
    FROM accord_goals g JOIN in_round USING (accord_id)
    WHERE g.theme IS NOT NULL
    GROUP BY ALL
)
SELECT accord_id, theme,
       coalesce(i.interventions, 0)::INTEGER         AS interventions,
       coalesce(i.recognised, 0)::INTEGER            AS recognised,
       coalesce(i.recognition_known, 0)::INTEGER     AS recognition_known,
       round(i.recognised / nullif(i.recognition_known, 0), 6) AS share_recognised,
       i.planned::BIGINT                             AS planned_participants,
       i.reached::BIGINT                             AS reached_participants,
       round(i.reached / nullif(i.planned, 0), 6)    AS reach_share,
       coalesce(g.goals, 0)::INTEGER                 AS goals,
       theme IN ('roken', 'overgewicht', 'problematisch_alcoholgebruik') AS npa_theme,
       CASE WHEN theme IN ('roken', 'overgewicht', 'problematisch_alcoholgebruik')
                 AND coalesce(i.interventions, 0) > 0 AND coalesce(g.goals, 0) = 0 THEN 'npa_thema_zonder_doel'
            WHEN coalesce(g.goals, 0) > 0 AND coalesce(i.interventions, 0) = 0 THEN 'doel_zonder_interventie'
       END                                           AS gap,
       coalesce(i.ex, false) OR coalesce(g.ex, false) AS example_data
FROM interventions i
FULL OUTER JOIN goals g USING (accord_id, theme)
ORDER BY accord_id, theme
