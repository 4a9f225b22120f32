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

-- Share of an old gemeente that went to a new one (1 for a merger; for the
-- split of Haaren the share of its inhabitants).
ALTER TABLE store.gemeente_change ADD COLUMN share DOUBLE DEFAULT 1;

-- The gemeenten of every division lpa knows (2020 from CBS, later years by
-- applying store.gemeente_change), refreshed on every read-write open.
CREATE TABLE store.gemeente_division (
    division      INTEGER NOT NULL,
    gemeente_code VARCHAR NOT NULL,
    gemeente_name VARCHAR NOT NULL
);

-- Crosswalk between divisions: every gemeente of from_division maps onto
-- the gemeenten of to_division that its area went to, with the share of its
-- inhabitants (1 unless it was split).
CREATE TABLE store.gemeente_crosswalk (
    from_division INTEGER NOT NULL,
    from_code     VARCHAR NOT NULL,
    to_division   INTEGER NOT NULL,
    to_code       VARCHAR NOT NULL,
    share         DOUBLE NOT NULL
);

CREATE VIEW gemeente_crosswalk AS
SELECT from_division, from_code, to_division, to_code, share FROM store.gemeente_crosswalk;
