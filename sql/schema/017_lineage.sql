-- 017_lineage: every printed number traceable to its source line, and the
-- reports issued per round kept as versions.

-- The line of the source file an observation was read from (the first line
-- of the file is 1, its header). NULL: loaded before lpa kept lines.
ALTER TABLE store.observation ADD COLUMN source_line INTEGER;

CREATE OR REPLACE VIEW observations AS
SELECT source, region_code, region_level, period, age_group, indicator,
       value, status, division, load_id, ci_lower, ci_upper, sex, significance, source_line
FROM store.observation;

-- Each observation with the file it came from: name, path, sha256 and line.
CREATE VIEW observation_sources AS
SELECT o.source, o.division, o.region_code, o.region_level, o.period, o.age_group, o.sex, o.indicator,
       o.value, o.ci_lower, o.ci_upper, o.load_id, l.file_name, l.file_path, l.sha256, o.source_line
FROM store.observation o
JOIN store.load_log l USING (load_id);

-- Every report lpa has issued: one row per round, report and version. A
-- report is its file's stem (an accord id, a gemeente code, "landelijk");
-- unit: akkoord | gemeente | landelijk. The fingerprint hashes the data the
-- report prints and lpa's version: an equal fingerprint means equal bytes.
CREATE TABLE store.report_issue (
    round       DATE NOT NULL,
    report      VARCHAR NOT NULL,
    unit        VARCHAR NOT NULL,
    version     INTEGER NOT NULL,
    fingerprint VARCHAR NOT NULL,
    pdf_sha256  VARCHAR NOT NULL,
    file_name   VARCHAR NOT NULL,  -- as written: achterhoek.pdf, achterhoek-v2.pdf
    issued_at   TIMESTAMPTZ NOT NULL,
    last_load   INTEGER NOT NULL,  -- the newest load id when it was issued: later loads may change it
    PRIMARY KEY (round, report, version)
);

-- Every number an issued report prints: where (page, figure), what (label,
-- the printed text, the value) and the row it comes from (a public view and
-- that row's key as column=value pairs joined by "; ").
CREATE TABLE store.report_figure (
    round     DATE NOT NULL,
    report    VARCHAR NOT NULL,
    version   INTEGER NOT NULL,
    page      INTEGER NOT NULL,
    figure_id VARCHAR NOT NULL,
    label     VARCHAR NOT NULL,
    printed   VARCHAR NOT NULL,
    value     DOUBLE,
    view_name VARCHAR NOT NULL,
    view_key  VARCHAR NOT NULL
);

CREATE VIEW report_issues AS
SELECT round, report, unit, version, fingerprint, pdf_sha256, file_name, issued_at, last_load
FROM store.report_issue;

CREATE VIEW report_figures AS
SELECT f.round, f.report, i.unit, f.version, f.page, f.figure_id, f.label, f.printed, f.value,
       f.view_name, f.view_key, i.fingerprint, i.file_name
FROM store.report_figure f
JOIN store.report_issue i USING (round, report, version);

-- The figures of a report that changed from one version of a round to the
-- next: old and new printed text. A figure is its figure id, label and key.
CREATE VIEW report_version_changes AS
SELECT n.round, n.report, n.version, o.version AS previous_version, n.figure_id, n.label,
       o.printed AS printed_before, n.printed AS printed_now, o.value AS value_before, n.value AS value_now,
       n.page, n.view_name, n.view_key
FROM store.report_figure n
JOIN store.report_figure o
  ON o.round = n.round AND o.report = n.report AND o.version = n.version - 1
 AND o.figure_id = n.figure_id AND o.label = n.label AND o.view_key = n.view_key
WHERE o.printed IS DISTINCT FROM n.printed;

-- Lineage: a printed number of a population metric back to the observations
-- it was computed from, with their file and line. The key of such a figure
-- names the metric row and the column printed (value, ggd_value, nl_value):
-- value of a gemeente is its own observation; of an accord, its members';
-- nl_value is Nederland's (NL01); ggd_value the gemeenten of its GGD
-- region(s), which it weighs.
CREATE VIEW report_figure_sources AS
WITH f AS (
    SELECT f.*,
           regexp_extract(view_key, '(?:^|; )accord_id=([^;]*)', 1) AS k_accord,
           regexp_extract(view_key, '(?:^|; )unit_level=([^;]*)', 1) AS k_level,
           regexp_extract(view_key, '(?:^|; )unit_code=([^;]*)', 1) AS k_unit,
           regexp_extract(view_key, '(?:^|; )source=([^;]*)', 1) AS k_source,
           TRY_CAST(regexp_extract(view_key, '(?:^|; )division=([^;]*)', 1) AS INTEGER) AS k_division,
           TRY_CAST(regexp_extract(view_key, '(?:^|; )period=([^;]*)', 1) AS INTEGER) AS k_period,
           regexp_extract(view_key, '(?:^|; )age_group=([^;]*)', 1) AS k_age,
           regexp_extract(view_key, '(?:^|; )sex=([^;]*)', 1) AS k_sex,
           regexp_extract(view_key, '(?:^|; )indicator=([^;]*)', 1) AS k_indicator,
           regexp_extract(view_key, '(?:^|; )column=([^;]*)', 1) AS k_column
    FROM report_figures f
    WHERE view_name = 'population_metrics'
),
regions AS (
    -- value: the unit itself (a gemeente) or its members (an accord)
    SELECT f.round, f.report, f.version, f.page, f.figure_id, f.label, f.printed, f.value AS printed_value, f.view_key, f.k_source, f.k_division,
           f.k_period, f.k_age, f.k_sex, f.k_indicator, f.k_unit AS region_code
    FROM f WHERE k_column = 'value' AND k_level = 'gemeente'
    UNION ALL
    SELECT f.round, f.report, f.version, f.page, f.figure_id, f.label, f.printed, f.value AS printed_value, f.view_key, f.k_source, f.k_division,
           f.k_period, f.k_age, f.k_sex, f.k_indicator, m.gemeente_code
    FROM f JOIN accord_members m ON m.accord_id = f.k_unit
    WHERE k_column = 'value' AND k_level = 'akkoord'
    UNION ALL
    SELECT f.round, f.report, f.version, f.page, f.figure_id, f.label, f.printed, f.value AS printed_value, f.view_key, f.k_source, f.k_division,
           f.k_period, f.k_age, f.k_sex, f.k_indicator, 'NL01'
    FROM f WHERE k_column = 'nl_value'
    UNION ALL
    SELECT f.round, f.report, f.version, f.page, f.figure_id, f.label, f.printed, f.value AS printed_value, f.view_key, f.k_source, f.k_division,
           f.k_period, f.k_age, f.k_sex, f.k_indicator, g.gemeente_code
    FROM f
    JOIN population_metrics pm
      ON pm.round = f.round AND pm.accord_id = f.k_accord AND pm.unit_level = f.k_level AND pm.unit_code = f.k_unit
     AND pm.source = f.k_source AND pm.division = f.k_division AND pm.period = f.k_period
     AND pm.age_group = f.k_age AND pm.sex = f.k_sex AND pm.indicator = f.k_indicator
    JOIN store.gemeente_ggd_resolved g
      ON g.division = f.k_division AND list_contains(string_split(pm.ggd_region_codes, ','), g.ggd_region_code)
    WHERE k_column = 'ggd_value'
)
SELECT r.round, r.report, r.version, r.page, r.figure_id, r.label, r.printed, r.printed_value, r.view_key,
       s.region_code, s.value AS source_value, s.load_id, s.file_name, s.file_path, s.sha256, s.source_line
FROM regions r
JOIN observation_sources s
  ON s.source = r.k_source AND s.division = r.k_division AND s.period = r.k_period AND s.age_group = r.k_age
 AND s.sex = r.k_sex AND s.indicator = r.k_indicator AND s.region_code = r.region_code;
