-- Writes the gemeente -> GGD rows of the staged regions. Parameters: division,
-- load id.
INSERT INTO store.gemeente_ggd (division, gemeente_code, ggd_region_code, load_id)
SELECT ?, region_code, ggd_region_code, ?
FROM lpa_regions
WHERE region_level = 'gemeente' AND ggd_region_code IS NOT NULL
