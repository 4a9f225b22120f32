-- 004_observation_detail: what sources other than 50090NED publish with a
-- value: a 95 % interval, a sex breakdown and a significance text; the
-- municipal crosswalk between divisions.
ALTER TABLE store.observation ADD COLUMN ci_lower DOUBLE;      -- lower bound of the 95 % interval, when published
ALTER TABLE store.observation ADD COLUMN ci_upper DOUBLE;      -- upper bound
ALTER TABLE store.observation ADD COLUMN sex VARCHAR DEFAULT 'totaal';  -- totaal | man | vrouw
ALTER TABLE store.observation ADD COLUMN significance VARCHAR; -- the source's own verdict, e.g. 'onder, 99% zeker'
UPDATE store.observation SET sex = 'totaal' WHERE sex IS NULL;

CREATE OR REPLACE VIEW observations AS
SELECT source, region_code, region_level, period, age_group, indicator,
       value, status, division, load_id, ci_lower, ci_upper, sex, significance
FROM store.observation;
