-- 003_views: the analyst-facing interface, documented in README.md.
-- Column names are a contract: add columns at the end, never rename.

-- One row per source cell that was published (measured) or suppressed.
CREATE VIEW observations AS
SELECT source, region_code, region_level, period, age_group, indicator,
       value, status, division, load_id
FROM store.observation;

-- One row per load attempt.
CREATE VIEW loads AS
SELECT load_id, file_name, sha256, kind, rows, loaded_at, status, message, file_path
FROM store.load_log;

-- The indicator catalogue shipped with lpa.
CREATE VIEW indicators AS
SELECT indicator, label_nl, unit, theme, direction, triple_aim, npa_core, sort_order, note
FROM store.indicator_catalogue;

-- GGD region of every gemeente of every loaded division, in this order:
-- 1. the division's own gemeente -> GGD list (CBS Gebieden in Nederland);
-- 2. store.ggd_exception (shipped with lpa, e.g. Weesp before 2022);
-- 3. the GGD of the gemeente's successor in the nearest later division that
--    has a list, following store.gemeente_change. A division is the state on
--    1 January of its year. One step only: 2021-2023 had no chained changes.
CREATE VIEW store.gemeente_ggd_resolved AS
WITH gem AS (
    SELECT DISTINCT division, region_code AS gemeente_code
    FROM store.region WHERE region_level = 'gemeente'
),
via_successor AS (
    SELECT g.division, g.gemeente_code,
           arg_min(m.ggd_region_code, m.division) AS ggd_region_code
    FROM gem g
    LEFT JOIN store.gemeente_change c
           ON c.old_code = g.gemeente_code AND c.effective_date > make_date(g.division, 1, 1)
    JOIN store.gemeente_ggd m
           ON m.gemeente_code = coalesce(c.new_code, g.gemeente_code)
          AND m.division > g.division
          AND (c.new_code IS NULL OR make_date(m.division, 1, 1) >= c.effective_date)
    GROUP BY g.division, g.gemeente_code
)
SELECT g.division, g.gemeente_code,
       coalesce(d.ggd_region_code, e.ggd_region_code, s.ggd_region_code) AS ggd_region_code
FROM gem g
LEFT JOIN store.gemeente_ggd d USING (division, gemeente_code)
LEFT JOIN store.ggd_exception e USING (division, gemeente_code)
LEFT JOIN via_successor s USING (division, gemeente_code);

-- Regions per municipal division (indeling). region_level is one of land,
-- provincie, ggd_regio, gemeente, wijk, buurt. One row per (division,
-- region_code): where several reference files describe the same region, the
-- name and population come from the first source in this order:
-- cbs_gebieden_bevolking, cbs_gebieden_ggd, cbs_kerncijfers_wijken_buurten.
CREATE VIEW regions AS
WITH ranked AS (
    SELECT *, CASE source WHEN 'cbs_gebieden_bevolking' THEN 1
                          WHEN 'cbs_gebieden_ggd' THEN 2 ELSE 3 END AS rank
    FROM store.region
),
merged AS (
    SELECT division, region_code,
           first(region_name ORDER BY rank)                                     AS region_name,
           first(region_level ORDER BY rank)                                    AS region_level,
           first(gemeente_code ORDER BY rank)                                   AS gemeente_code,
           first(province_code ORDER BY rank) FILTER (WHERE province_code IS NOT NULL) AS province_code,
           first(population ORDER BY rank) FILTER (WHERE population IS NOT NULL)       AS population,
           string_agg(DISTINCT source, ',' ORDER BY source)                     AS source,
           min(load_id)                                                         AS load_id
    FROM ranked
    GROUP BY division, region_code
)
SELECT r.region_code, r.region_name, r.region_level, r.gemeente_code,
       CASE WHEN r.region_level = 'ggd_regio' THEN r.region_code
            ELSE gg.ggd_region_code END AS ggd_region_code,
       r.population, r.division, r.province_code, r.source, r.load_id
FROM merged r
LEFT JOIN store.gemeente_ggd_resolved gg
       ON gg.division = r.division AND gg.gemeente_code = r.gemeente_code;

CREATE VIEW accords AS
SELECT accord_id, name, kind, signed_on, signed_year, division, example_data, source, file_name, load_id
FROM store.accord;

CREATE VIEW accord_members AS
SELECT accord_id, gemeente_code, load_id FROM store.accord_member;

-- See sql/metrics/accord_metrics.sql for the method.
CREATE VIEW accord_metrics AS
SELECT accord_id, period, age_group, indicator, value, ggd_value, nl_value,
       status, ggd_status, nl_status, members, members_missing, ggd_region_codes, computed_at
FROM store.accord_metric;
