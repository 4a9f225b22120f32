-- Drops the staged regions.
DROP TABLE lpa_regions
