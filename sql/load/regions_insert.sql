-- Writes the staged regions. Parameters: division, kind of file, load id.
INSERT INTO store.region (division, region_code, region_name, region_level, gemeente_code, province_code,
    population, source, load_id)
SELECT ?, region_code, region_name, region_level, gemeente_code, province_code, population, ?, ?
FROM lpa_regions
