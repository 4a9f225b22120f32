-- national_evaluation: the figures of RIVM's national factsheet, as of a
-- round, in long form.
--
-- Round: getvariable('round'); accords signed on or before it (the closed
-- accords: "gesloten"); VNG status of the latest peildatum on or before it.
--
-- One row per section and item:
--   section              item (detail)                    count / base / pct
--   akkoorden            gesloten, lokaal, regionaal,     accords
--                        gemeenten (distinct members)
--   status_gemeenten     gesloten, in_voorbereiding,      gemeenten on the map; pct of
--                        verkennen, geen_activiteiten     all gemeenten, adding up to 100
--   partijen_per_akkoord gemiddeld, minimum, maximum,     parties (value in `value`)
--                        totaal
--   sectoren             each sector (Figure 2)          accords with a party of it; pct
--                                                         of the accords
--   npa_themas           theme (detail: uitgebreid,       accords; pct per theme adding
--                        deels, niet) (Figure 3)          up to exactly 100
--   aanvullende_themas   each additional theme (Table 1)  accords naming it
--   programmas           sportakkoord                     pct of the accords not based on
--                                                         the Sportakkoord itself ("de
--                                                         andere akkoorden")
--                        positieve_gezondheid, other      pct of all accords
--                        programmes
--   doelen               met_doelen                       accords with goals
--                        met_doelen_en_interventies       of those, describing interventions
--                                                         (base = accords with goals)
--   monitoring           niet_uitgewerkt                  accords without local monitoring
--                                                         worked out
--
--   count   the number counted; base the number it is a share of;
--   pct     rounded to whole percents; where a section's shares must add up
--           to 100 (status_gemeenten; npa_themas per theme) by largest
--           remainder, as the factsheet does: floor every share, then give
--           the remaining points to the largest remainders, ties broken by
--           the fixed order of the items (uitgebreid, deels, niet; gesloten,
--           in_voorbereiding, verkennen, geen_activiteiten);
--   pct_exact  100 * count / base, unrounded;
--   value   a number that is not a count (mean parties);
--   example_data  any input row is example data.
-- Inputs: accords, accord_members, accord_coding, accord_parties,
-- accord_npa_themes, accord_themes, accord_programmes, accord_goals,
-- accord_status.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
),
closed AS (
    SELECT a.* FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= p.round_year)
),
n AS (SELECT count(*) AS accords FROM closed),
counts AS (
    SELECT 'akkoorden' AS section, 'gesloten' AS item, NULL AS detail, 1 AS ord,
           count(*) AS count, NULL::BIGINT AS base, NULL::DOUBLE AS value, bool_or(example_data) AS ex
    FROM closed
    UNION ALL
    SELECT 'akkoorden', kind, NULL, CASE kind WHEN 'lokaal' THEN 2 ELSE 3 END, count(*), NULL, NULL, bool_or(example_data)
    FROM closed GROUP BY kind
    UNION ALL
    SELECT 'akkoorden', 'gemeenten', NULL, 4, count(DISTINCT m.gemeente_code), NULL, NULL, bool_or(c.example_data)
    FROM closed c JOIN accord_members m USING (accord_id)
),
status_round AS (
    SELECT s.* FROM accord_status s, params p
    WHERE s.peildatum = (SELECT max(peildatum) FROM accord_status, params q WHERE peildatum <= q.round)
),
status AS (
    SELECT 'status_gemeenten' AS section, s.status AS item, NULL AS detail,
           CASE s.status WHEN 'gesloten' THEN 1 WHEN 'in_voorbereiding' THEN 2 WHEN 'verkennen' THEN 3 ELSE 4 END AS ord,
           count(*) AS count, sum(count(*)) OVER () AS base, NULL::DOUBLE AS value, bool_or(s.example_data) AS ex
    FROM status_round s GROUP BY s.status
),
party_counts AS (
    SELECT c.accord_id, coalesce(p.n, cd.party_count) AS parties, coalesce(p.ex, cd.example_data) AS ex
    FROM closed c
    LEFT JOIN (SELECT accord_id, count(*) AS n, bool_or(example_data) AS ex FROM accord_parties GROUP BY ALL) p USING (accord_id)
    LEFT JOIN accord_coding cd USING (accord_id)
),
parties_fixed AS (
    SELECT 'partijen_per_akkoord' AS section, v.item, NULL AS detail, v.ord, NULL::BIGINT AS count, s.base,
           CASE v.item WHEN 'gemiddeld' THEN s.mean WHEN 'minimum' THEN s.lo
                       WHEN 'maximum' THEN s.hi ELSE s.total END::DOUBLE AS value,
           s.ex
    FROM (SELECT count(parties) AS base, round(avg(parties), 6) AS mean, min(parties) AS lo,
                 max(parties) AS hi, sum(parties) AS total, bool_or(ex) AS ex
          FROM party_counts) s,
         (VALUES ('gemiddeld', 1), ('minimum', 2), ('maximum', 3), ('totaal', 4)) v(item, ord)
),
sectors AS (
    SELECT 'sectoren' AS section, p.sector AS item, NULL AS detail, 0 AS ord,
           count(DISTINCT p.accord_id) AS count, (SELECT accords FROM n) AS base, NULL::DOUBLE AS value,
           bool_or(p.example_data) AS ex
    FROM accord_parties p JOIN closed USING (accord_id)
    GROUP BY p.sector
),
npa_counts AS (
    SELECT t.theme, t.coverage, count(*) AS n, bool_or(t.example_data) AS ex
    FROM accord_npa_themes t JOIN closed USING (accord_id)
    GROUP BY ALL
),
-- Every theme with every level, so that a level no accord has shows as 0.
npa AS (
    SELECT 'npa_themas' AS section, th.theme AS item, lv.coverage AS detail, lv.ord,
           coalesce(c.n, 0) AS count, sum(coalesce(c.n, 0)) OVER (PARTITION BY th.theme) AS base,
           NULL::DOUBLE AS value, bool_or(c.ex) OVER (PARTITION BY th.theme) AS ex
    FROM (SELECT DISTINCT theme FROM npa_counts) th
    CROSS JOIN (VALUES ('uitgebreid', 1), ('deels', 2), ('niet', 3)) lv(coverage, ord)
    LEFT JOIN npa_counts c ON c.theme = th.theme AND c.coverage = lv.coverage
),
themes AS (
    SELECT 'aanvullende_themas' AS section, t.theme AS item, NULL AS detail, 0 AS ord,
           count(DISTINCT t.accord_id) AS count, (SELECT accords FROM n) AS base, NULL::DOUBLE AS value,
           bool_or(t.example_data) AS ex
    FROM accord_themes t JOIN closed USING (accord_id)
    GROUP BY t.theme
),
programmes AS (
    SELECT 'programmas' AS section, p.programme AS item, NULL AS detail, 0 AS ord,
           count(DISTINCT p.accord_id) FILTER (WHERE p.programme <> 'sportakkoord' OR coalesce(c.based_on, '') <> 'sportakkoord') AS count,
           CASE WHEN p.programme = 'sportakkoord'
                THEN (SELECT count(*) FROM closed x LEFT JOIN accord_coding y USING (accord_id)
                      WHERE coalesce(y.based_on, '') <> 'sportakkoord')
                ELSE (SELECT accords FROM n) END AS base,
           NULL::DOUBLE AS value, bool_or(p.example_data) AS ex
    FROM accord_programmes p JOIN closed USING (accord_id)
    LEFT JOIN accord_coding c USING (accord_id)
    GROUP BY p.programme
),
goals AS (
    SELECT 'doelen' AS section, 'met_doelen' AS item, NULL AS detail, 1 AS ord,
           count(DISTINCT g.accord_id) AS count, (SELECT accords FROM n) AS base, NULL::DOUBLE AS value,
           bool_or(g.example_data) AS ex
    FROM accord_goals g JOIN closed USING (accord_id)
    UNION ALL
    SELECT 'doelen', 'met_doelen_en_interventies', NULL, 2,
           count(DISTINCT g.accord_id) FILTER (WHERE c.interventions_described),
           count(DISTINCT g.accord_id), NULL, bool_or(g.example_data OR c.example_data)
    FROM accord_goals g JOIN closed USING (accord_id)
    LEFT JOIN accord_coding c USING (accord_id)
),
monitoring AS (
    SELECT 'monitoring' AS section, 'niet_uitgewerkt' AS item, NULL AS detail, 0 AS ord,
           count(*) FILTER (WHERE NOT c.monitoring_worked_out) AS count, count(c.monitoring_worked_out) AS base,
           NULL::DOUBLE AS value, bool_or(c.example_data) AS ex
    FROM accord_coding c JOIN closed USING (accord_id)
),
figures AS (
    SELECT * FROM counts UNION ALL SELECT * FROM status UNION ALL SELECT * FROM parties_fixed
    UNION ALL SELECT * FROM sectors UNION ALL SELECT * FROM npa UNION ALL SELECT * FROM themes
    UNION ALL SELECT * FROM programmes UNION ALL SELECT * FROM goals UNION ALL SELECT * FROM monitoring
),
exact AS (
    SELECT *, 100.0 * count / nullif(base, 0) AS pct_exact,
              -- groups whose shares must add up to 100
              CASE WHEN section = 'status_gemeenten' THEN section
                   WHEN section = 'npa_themas' THEN section || ':' || item END AS total_group
    FROM figures
),
remainders AS (
    SELECT *, floor(pct_exact) AS pct_floor,
           row_number() OVER (PARTITION BY total_group ORDER BY pct_exact - floor(pct_exact) DESC, ord) AS remainder_rank,
           100 - sum(floor(pct_exact)) OVER (PARTITION BY total_group) AS points_left
    FROM exact
)
SELECT section, item, detail, count::INTEGER AS count, base::INTEGER AS base,
       CASE WHEN pct_exact IS NULL THEN NULL
            WHEN total_group IS NULL THEN round(pct_exact)
            ELSE pct_floor + CASE WHEN remainder_rank <= points_left THEN 1 ELSE 0 END END::INTEGER AS pct,
       round(pct_exact, 6) AS pct_exact, value, ex AS example_data
FROM remainders
ORDER BY section, item, ord
