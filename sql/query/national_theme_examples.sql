-- Example interventions per additional theme (factsheet Table 1): the
-- distinct names of the interventions of accords closed on or before a
-- round whose theme is an additional theme (not an NPA theme), at most
-- two per theme, in alphabetical order. Parameter: the round.
-- Output: theme, name, example_data. Inputs (public views): accords,
-- project_interventions, accord_npa_themes.
WITH params AS (
    SELECT ?::DATE AS round
),
closed AS (
    SELECT a.accord_id FROM accords a, params p
    WHERE coalesce(a.signed_on <= p.round, a.signed_year <= year(p.round))
),
names AS (
    SELECT i.theme, i.name, bool_or(i.example_data) AS example_data
    FROM project_interventions i JOIN closed USING (accord_id)
    WHERE i.theme IS NOT NULL AND i.theme NOT IN (SELECT DISTINCT theme FROM accord_npa_themes)
    GROUP BY ALL
)
SELECT theme, name, example_data
FROM names
QUALIFY row_number() OVER (PARTITION BY theme ORDER BY name) <= 2
ORDER BY theme, name
