-- The gemeenten of a gemeente report: every gemeente of the newest division
-- with inhabitants, with its GGD region (and that region's newest name), its
-- VNG status at the round (and whether that status is example data) and the
-- accords it takes part in.
-- Parameter: the round.
WITH d AS (
    SELECT max(division) AS division FROM regions WHERE region_level = 'gemeente' AND population IS NOT NULL
),
g AS (
    SELECT r.division, r.region_code, r.region_name, r.population, r.ggd_region_code
    FROM regions r, d
    WHERE r.region_level = 'gemeente' AND r.division = d.division AND r.population IS NOT NULL
),
ggd AS (
    SELECT region_code, first(region_name ORDER BY division DESC) AS region_name
    FROM regions WHERE region_level = 'ggd_regio' GROUP BY region_code
),
status AS (
    SELECT gemeente_code, arg_max(status, peildatum) AS status, arg_max(example_data, peildatum) AS example_data
    FROM accord_status WHERE peildatum <= ?::DATE
    GROUP BY gemeente_code
),
accord AS (
    SELECT m.gemeente_code, string_agg(a.name, ', ' ORDER BY a.name) AS accords
    FROM accord_members m JOIN accords a USING (accord_id)
    GROUP BY m.gemeente_code
)
SELECT g.division, g.region_code, coalesce(g.region_name, g.region_code), g.population,
       coalesce(g.ggd_region_code, ''), coalesce(ggd.region_name, ''), coalesce(s.status, ''), coalesce(s.example_data, false),
       coalesce(a.accords, '')
FROM g
LEFT JOIN ggd ON ggd.region_code = g.ggd_region_code
LEFT JOIN status s ON s.gemeente_code = g.region_code
LEFT JOIN accord a ON a.gemeente_code = g.region_code
ORDER BY g.region_code
