-- The levels of local monitoring of the accords closed on or before a
-- round, for the national factsheet. Parameter: the round.
-- Output: level (populatie | proces | project), accords (closed accords
-- monitoring on that level), base (closed accords whose monitoring is
-- coded: accord_coding.monitoring_worked_out not NULL), example_data.
-- Inputs (public views): accords, accord_coding, accord_monitoring.
WITH params AS (
    SELECT ?::DATE AS round
),
closed AS (
    SELECT a.accord_id FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= year(p.round))
),
coded AS (
    SELECT c.accord_id FROM accord_coding c JOIN closed USING (accord_id)
    WHERE c.monitoring_worked_out IS NOT NULL
)
SELECT m.level, count(DISTINCT m.accord_id)::INTEGER, (SELECT count(*) FROM coded)::INTEGER, bool_or(m.example_data)
FROM accord_monitoring m JOIN coded USING (accord_id)
GROUP BY m.level
ORDER BY CASE m.level WHEN 'populatie' THEN 1 WHEN 'proces' THEN 2 WHEN 'project' THEN 3 ELSE 4 END, m.level
