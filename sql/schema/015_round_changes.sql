-- 015_round_changes: a new edition counts as a change only when it brings a
-- value (an edition that is all suppressed or incomplete is no news).
-- What changed per accord since the previous round: partners that joined or
-- left, goals that reached 'behaald' (or lost it), population indicators of
-- the same edition whose value or Z-score band moved or that got a new
-- edition, and member gemeenten whose VNG status changed between the status
-- rounds (peildata) in force at the two rounds.
CREATE OR REPLACE VIEW round_changes AS
WITH r AS (
    SELECT round, lag(round) OVER (ORDER BY round) AS previous_round FROM store.round
),
status_at AS (
    SELECT r.round, max(s.peildatum) AS peildatum
    FROM store.round r JOIN store.accord_status s ON s.peildatum <= r.round
    GROUP BY r.round
),
members_status AS (
    SELECT sa.round, m.accord_id, s.gemeente_code, s.status
    FROM status_at sa
    JOIN store.accord_status s ON s.peildatum = sa.peildatum
    JOIN store.accord_member m ON m.gemeente_code = s.gemeente_code
),
latest_edition AS (
    SELECT round, accord_id, source, indicator, max(period) AS period
    FROM store.population_metric WHERE unit_level = 'akkoord' AND sex = 'totaal'
    GROUP BY ALL
)
SELECT r.round, r.previous_round, p.accord_id, 'partner_erbij' AS change, p.party AS item, p.sector AS detail
FROM r JOIN store.round_party p ON p.round = r.round
WHERE r.previous_round IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM store.round_party q WHERE q.round = r.previous_round
                  AND q.accord_id = p.accord_id AND lower(q.party) = lower(p.party))
UNION ALL
SELECT r.round, r.previous_round, q.accord_id, 'partner_weg', q.party, q.sector
FROM r JOIN store.round_party q ON q.round = r.previous_round
WHERE NOT EXISTS (SELECT 1 FROM store.round_party p WHERE p.round = r.round
                  AND p.accord_id = q.accord_id AND lower(p.party) = lower(q.party))
UNION ALL
SELECT r.round, r.previous_round, g.accord_id,
       CASE WHEN g.verdict = 'behaald' THEN 'doel_behaald' ELSE 'doel_niet_meer_behaald' END,
       g.goal, g.verdict
FROM r
JOIN store.goal_progress g ON g.round = r.round
JOIN store.goal_progress h ON h.round = r.previous_round AND h.accord_id = g.accord_id
                          AND h.goal_kind = g.goal_kind AND h.goal_no = g.goal_no
WHERE (g.verdict = 'behaald') <> (h.verdict = 'behaald')
UNION ALL
SELECT r.round, r.previous_round, n.accord_id,
       CASE WHEN o.period IS NULL THEN 'nieuwe_editie' ELSE 'indicator_bewogen' END,
       n.indicator,
       n.source || ' ' || n.period || ': ' || coalesce(CAST(o.value AS VARCHAR), '-') || ' -> ' ||
       coalesce(CAST(n.value AS VARCHAR), '-') || ' (band ' || coalesce(o.band_nl, '-') || ' -> ' || coalesce(n.band_nl, '-') || ')'
FROM r
JOIN latest_edition le ON le.round = r.round
JOIN store.population_metric n ON n.round = r.round AND n.unit_level = 'akkoord' AND n.sex = 'totaal'
                              AND n.accord_id = le.accord_id AND n.source = le.source
                              AND n.indicator = le.indicator AND n.period = le.period
LEFT JOIN store.population_metric o ON o.round = r.previous_round AND o.unit_level = 'akkoord'
                                   AND o.sex = n.sex AND o.accord_id = n.accord_id AND o.source = n.source
                                   AND o.indicator = n.indicator AND o.period = n.period
                                   AND o.age_group = n.age_group
WHERE r.previous_round IS NOT NULL
  AND ((o.period IS NULL AND n.value IS NOT NULL)
       OR (o.period IS NOT NULL AND (o.value IS DISTINCT FROM n.value OR o.band_nl IS DISTINCT FROM n.band_nl)))
UNION ALL
SELECT r.round, r.previous_round, a.accord_id, 'status_gewijzigd', a.gemeente_code, b.status || ' -> ' || a.status
FROM r
JOIN members_status a ON a.round = r.round
JOIN members_status b ON b.round = r.previous_round AND b.accord_id = a.accord_id AND b.gemeente_code = a.gemeente_code
WHERE a.status <> b.status;
