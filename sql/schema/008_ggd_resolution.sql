-- 008_ggd_resolution: GGD region of every gemeente of every loaded division,
-- in this order:
-- 1. the division's own gemeente -> GGD list (CBS Gebieden in Nederland);
-- 2. store.ggd_exception (shipped with lpa, e.g. Weesp before 2022);
-- 3. the list of the nearest other division that has the same code (a
--    gemeente that kept its code kept its GGD region; e.g. the 2024
--    Kerncijfers against the 2023 list);
-- 4. the GGD of the gemeente's successor in the nearest later division that
--    has a list, following store.gemeente_change (A division is the state on
--    1 January of its year).
CREATE OR REPLACE VIEW store.gemeente_ggd_resolved AS
WITH gem AS (
    SELECT DISTINCT division, region_code AS gemeente_code
    FROM store.region WHERE region_level = 'gemeente'
),
same_code AS (
    SELECT g.division, g.gemeente_code,
           arg_min(m.ggd_region_code, abs(m.division - g.division) * 2 + (m.division < g.division)::INTEGER) AS ggd_region_code
    FROM gem g
    JOIN store.gemeente_ggd m ON m.gemeente_code = g.gemeente_code AND m.division <> g.division
    -- only where the code did not end in between
    WHERE NOT EXISTS (
        SELECT 1 FROM store.gemeente_change c
        WHERE c.old_code = g.gemeente_code
          AND c.effective_date > make_date(least(g.division, m.division), 1, 1)
          AND c.effective_date <= make_date(greatest(g.division, m.division), 1, 1))
    GROUP BY g.division, g.gemeente_code
),
via_successor AS (
    SELECT g.division, g.gemeente_code,
           arg_min(m.ggd_region_code, m.division) AS ggd_region_code
    FROM gem g
    JOIN store.gemeente_change c
      ON c.old_code = g.gemeente_code AND c.effective_date > make_date(g.division, 1, 1)
    JOIN store.gemeente_ggd m
      ON m.gemeente_code = c.new_code AND make_date(m.division, 1, 1) >= c.effective_date
    GROUP BY g.division, g.gemeente_code
)
SELECT g.division, g.gemeente_code,
       coalesce(d.ggd_region_code, e.ggd_region_code, sc.ggd_region_code, s.ggd_region_code) AS ggd_region_code
FROM gem g
LEFT JOIN store.gemeente_ggd d USING (division, gemeente_code)
LEFT JOIN store.ggd_exception e USING (division, gemeente_code)
LEFT JOIN same_code sc USING (division, gemeente_code)
LEFT JOIN via_successor s USING (division, gemeente_code);
