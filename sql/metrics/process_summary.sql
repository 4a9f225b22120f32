-- process_summary: the process level per accord, as of a round.
--
-- Round: getvariable('round'); accords signed on or before it; template
-- quarters that start on or before it. Registry facts (parties, goals,
-- uitgangspunten, programmes) are the registry as loaded when the round is
-- computed; the round keeps them, so rounds can be compared.
--
-- Output columns (one row per accord):
--   parties                  parties in the registry (or the coded
--                            party_count when no list is given)
--   sectors                  distinct sectors of those parties
--   last_quarter             the latest template quarter up to the round
--   parties_active           parties active in last_quarter
--   share_active             parties_active / parties (0-1)
--   steering_meetings, working_group_meetings
--                            meetings in the four quarters up to and
--                            including last_quarter
--   meetings_total           all meetings of all quarters up to the round
--                            (NULL when no quarter gives a number)
--   residents_involved       residents involved in last_quarter
--   budget_planned_eur, budget_spent_eur, spent_share
--                            all budget lines, all quarters up to the round
--   uitgangspunten_assessed, uitgangspunten_met, uitgangspunten_not_met
--                            of the six starting points; not_met lists the
--                            unmet ones (comma-separated)
--   goals, goals_with_deadline, share_goals_with_deadline, goals_with_owner,
--   share_goals_with_owner   the factsheet's reflection: time indications and
--                            owners of goals (shares 0-1)
--   programmes               linked programmes, comma-separated
--   example_data             any of the inputs is example data
-- Inputs: accords, accord_coding, accord_parties, accord_goals,
-- accord_uitgangspunten, accord_programmes, process_quarters, process_budget.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
in_round AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
parties AS (
    SELECT accord_id, count(*) AS parties, count(DISTINCT sector) AS sectors, bool_or(example_data) AS ex
    FROM accord_parties GROUP BY ALL
),
quarters AS (
    SELECT q.*, row_number() OVER (PARTITION BY q.accord_id ORDER BY q.quarter_start DESC) AS recency
    FROM process_quarters q, params p
    WHERE q.quarter_start <= p.round
),
quarter_sums AS (
    SELECT accord_id,
           any_value(quarter) FILTER (WHERE recency = 1)                           AS last_quarter,
           any_value(parties_active) FILTER (WHERE recency = 1)                    AS parties_active,
           any_value(residents_involved) FILTER (WHERE recency = 1)                AS residents_involved,
           sum(steering_meetings) FILTER (WHERE recency <= 4)                      AS steering_meetings,
           sum(working_group_meetings) FILTER (WHERE recency <= 4)                 AS working_group_meetings,
           CASE WHEN count(steering_meetings) + count(working_group_meetings) > 0
                THEN sum(coalesce(steering_meetings, 0) + coalesce(working_group_meetings, 0)) END AS meetings_total,
           bool_or(example_data)                                                   AS ex
    FROM quarters GROUP BY ALL
),
budget AS (
    SELECT b.accord_id, sum(b.planned_eur) AS planned, sum(b.spent_eur) AS spent, bool_or(b.example_data) AS ex
    FROM process_budget b, params p
    WHERE b.quarter_start <= p.round
    GROUP BY ALL
),
uitgangspunten AS (
    SELECT accord_id, count(*) AS assessed, count(*) FILTER (WHERE met) AS met,
           string_agg(uitgangspunt, ',' ORDER BY uitgangspunt) FILTER (WHERE NOT met) AS not_met,
           bool_or(example_data) AS ex
    FROM accord_uitgangspunten GROUP BY ALL
),
goals AS (
    SELECT accord_id, count(*) AS goals,
           count(*) FILTER (WHERE deadline IS NOT NULL OR deadline_year IS NOT NULL) AS with_deadline,
           count(*) FILTER (WHERE owner IS NOT NULL)                                  AS with_owner,
           bool_or(example_data) AS ex
    FROM accord_goals GROUP BY ALL
),
programmes AS (
    SELECT accord_id, string_agg(programme, ',' ORDER BY programme) AS programmes, bool_or(example_data) AS ex
    FROM accord_programmes GROUP BY ALL
)
SELECT a.accord_id,
       coalesce(pa.parties, c.party_count)::INTEGER                             AS parties,
       pa.sectors::INTEGER                                                      AS sectors,
       q.last_quarter,
       q.parties_active::INTEGER                                                AS parties_active,
       round(q.parties_active / nullif(coalesce(pa.parties, c.party_count), 0), 6) AS share_active,
       q.steering_meetings::INTEGER                                             AS steering_meetings,
       q.working_group_meetings::INTEGER                                        AS working_group_meetings,
       q.meetings_total::INTEGER                                                AS meetings_total,
       q.residents_involved::INTEGER                                            AS residents_involved,
       b.planned::DOUBLE                                                        AS budget_planned_eur,
       b.spent::DOUBLE                                                          AS budget_spent_eur,
       round(b.spent / nullif(b.planned, 0), 6)::DOUBLE                         AS spent_share,
       u.assessed::INTEGER AS uitgangspunten_assessed, u.met::INTEGER AS uitgangspunten_met,
       u.not_met AS uitgangspunten_not_met,
       coalesce(g.goals, 0)::INTEGER                                            AS goals,
       coalesce(g.with_deadline, 0)::INTEGER                                    AS goals_with_deadline,
       round(g.with_deadline / nullif(g.goals, 0), 6)                           AS share_goals_with_deadline,
       coalesce(g.with_owner, 0)::INTEGER                                       AS goals_with_owner,
       round(g.with_owner / nullif(g.goals, 0), 6)                              AS share_goals_with_owner,
       pr.programmes,
       coalesce(c.example_data, false) OR coalesce(pa.ex, false) OR coalesce(q.ex, false) OR coalesce(b.ex, false)
         OR coalesce(u.ex, false) OR coalesce(g.ex, false) OR coalesce(pr.ex, false) AS example_data
FROM in_round a
LEFT JOIN accord_coding c USING (accord_id)
LEFT JOIN parties pa USING (accord_id)
LEFT JOIN quarter_sums q USING (accord_id)
LEFT JOIN budget b USING (accord_id)
LEFT JOIN uitgangspunten u USING (accord_id)
LEFT JOIN goals g USING (accord_id)
LEFT JOIN programmes pr USING (accord_id)
ORDER BY a.accord_id
