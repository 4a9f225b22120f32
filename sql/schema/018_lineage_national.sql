-- 018_lineage_national: the national factsheet's indicator values back to
-- their observations. The factsheet prints, per NPA indicator, the mean of
-- the gemeenten with an accord closed on or before the round and of all
-- other gemeenten (weighted by inhabitants, regions.population) and its
-- change since the edition before; its figure key names the source, age
-- group, sex, indicator, period, the group (gemeenten=met_akkoord |
-- zonder_akkoord) and, for a change, the earlier period (minus period=).
-- Their lineage is every measured observation of the group in those
-- periods. Beside them it prints the accords' differences in differences
-- (view accord_effects; key: round, source, age group, sex, indicator,
-- status=measured and "mean of did" or verdict=...): their lineage is the
-- observations of the accords' member gemeenten in the two editions
-- compared (from_period, to_period). The matched control gemeenten that
-- the effects also draw on are not followed.

ALTER VIEW report_figure_sources RENAME TO report_figure_metric_sources;

CREATE VIEW report_figure_sources AS
WITH f AS (
    SELECT f.round, f.report, f.version, f.page, f.figure_id, f.label, f.printed, f.value AS printed_value, f.view_key,
           regexp_extract(view_key, '(?:^|; )source=([^;]*)', 1) AS k_source,
           regexp_extract(view_key, '(?:^|; )age_group=([^;]*)', 1) AS k_age,
           regexp_extract(view_key, '(?:^|; )sex=([^;]*)', 1) AS k_sex,
           regexp_extract(view_key, '(?:^|; )indicator=([^;]*)', 1) AS k_indicator,
           regexp_extract(view_key, '(?:^|; )gemeenten=([^;]*)', 1) AS k_group,
           TRY_CAST(regexp_extract(view_key, '(?:^|; )period=([^;]*)', 1) AS INTEGER) AS k_period,
           TRY_CAST(regexp_extract(view_key, '(?:^|; )minus period=([^;]*)', 1) AS INTEGER) AS k_minus
    FROM report_figures f
    WHERE view_name = 'observations' AND view_key LIKE '%gemeenten=%'
),
periods AS (
    SELECT f.*, k_period AS period FROM f
    UNION ALL
    SELECT f.*, k_minus AS period FROM f WHERE k_minus IS NOT NULL
),
e AS (
    SELECT f.round, f.report, f.version, f.page, f.figure_id, f.label, f.printed, f.value AS printed_value, f.view_key,
           regexp_extract(view_key, '(?:^|; )source=([^;]*)', 1) AS k_source,
           regexp_extract(view_key, '(?:^|; )age_group=([^;]*)', 1) AS k_age,
           regexp_extract(view_key, '(?:^|; )sex=([^;]*)', 1) AS k_sex,
           regexp_extract(view_key, '(?:^|; )indicator=([^;]*)', 1) AS k_indicator,
           regexp_extract(view_key, '(?:^|; )status=([^;]*)', 1) AS k_status,
           regexp_extract(view_key, '(?:^|; )verdict=([^;]*)', 1) AS k_verdict
    FROM report_figures f
    WHERE view_name = 'accord_effects'
),
effect_members AS (
    SELECT e.*, x.accord_id, a.division, m.gemeente_code, unnest([x.from_period, x.to_period]) AS period
    FROM e
    JOIN accord_effects x
      ON x.round = e.round AND x.source = e.k_source AND x.age_group = e.k_age AND x.sex = e.k_sex
     AND x.indicator = e.k_indicator AND x.status = e.k_status AND (e.k_verdict = '' OR x.verdict = e.k_verdict)
    JOIN accords a ON a.accord_id = x.accord_id
    JOIN accord_members m ON m.accord_id = x.accord_id
),
members AS (
    SELECT DISTINCT r.round, m.gemeente_code, a.division
    FROM (SELECT DISTINCT round FROM f) r
    JOIN accords a ON coalesce(a.signed_on <= r.round, a.signed_year <= year(r.round))
    JOIN accord_members m USING (accord_id)
)
SELECT * FROM report_figure_metric_sources
UNION ALL
SELECT p.round, p.report, p.version, p.page, p.figure_id, p.label, p.printed, p.printed_value, p.view_key,
       s.region_code, s.value AS source_value, s.load_id, s.file_name, s.file_path, s.sha256, s.source_line
FROM periods p
JOIN observation_sources s
  ON s.source = p.k_source AND s.region_level = 'gemeente' AND s.age_group = p.k_age
 AND coalesce(s.sex, 'totaal') = p.k_sex AND s.indicator = p.k_indicator AND s.period = p.period
JOIN regions g ON g.region_level = 'gemeente' AND g.region_code = s.region_code AND g.division = s.division
LEFT JOIN members mb ON mb.round = p.round AND mb.gemeente_code = s.region_code AND mb.division = s.division
WHERE s.value IS NOT NULL AND (mb.gemeente_code IS NOT NULL) = (p.k_group = 'met_akkoord')
UNION ALL
SELECT DISTINCT m.round, m.report, m.version, m.page, m.figure_id, m.label, m.printed, m.printed_value, m.view_key,
       s.region_code, s.value AS source_value, s.load_id, s.file_name, s.file_path, s.sha256, s.source_line
FROM effect_members m
JOIN observation_sources s
  ON s.source = m.k_source AND s.division = m.division AND s.region_code = m.gemeente_code AND s.age_group = m.k_age
 AND coalesce(s.sex, 'totaal') = m.k_sex AND s.indicator = m.k_indicator AND s.period = m.period;
