-- 007_accord_metrics_sources: accord metrics per source and sex, across
-- municipal divisions (re-aggregated through the crosswalk), with published
-- GGD-region values where the source has them.
ALTER TABLE store.accord_metric ADD COLUMN source VARCHAR;        -- the observations' source, e.g. 50090NED
ALTER TABLE store.accord_metric ADD COLUMN sex VARCHAR;           -- totaal | man | vrouw
ALTER TABLE store.accord_metric ADD COLUMN division INTEGER;      -- municipal division of the data
ALTER TABLE store.accord_metric ADD COLUMN reaggregated BOOLEAN;  -- the data's division differs from the accord's
ALTER TABLE store.accord_metric ADD COLUMN ggd_source VARCHAR;    -- gepubliceerd | berekend

CREATE OR REPLACE VIEW accord_metrics AS
SELECT accord_id, period, age_group, indicator, value, ggd_value, nl_value,
       status, ggd_status, nl_status, members, members_missing, ggd_region_codes, computed_at,
       source, sex, division, reaggregated, ggd_source
FROM store.accord_metric;
