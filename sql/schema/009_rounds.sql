-- 009_rounds: evaluation rounds. Every metric is computed as of a peildatum
-- (the round) and kept under it; recomputing a round replaces only that
-- round. Population metrics replace the accord_metric table of 002/007: they
-- hold the accord level (what accord_metrics showed) and the level of each
-- member gemeente, with benchmarks, Z-score bands and changes.
CREATE TABLE store.round (
    round       DATE PRIMARY KEY,          -- the peildatum
    computed_at TIMESTAMPTZ NOT NULL,
    lpa_version VARCHAR
);

DROP VIEW accord_metrics;
DROP TABLE store.accord_metric;

CREATE TABLE store.population_metric (
    round                DATE NOT NULL,
    computed_at          TIMESTAMPTZ NOT NULL,
    accord_id            VARCHAR NOT NULL,
    unit_level           VARCHAR NOT NULL,   -- akkoord | gemeente (a member of the accord)
    unit_code            VARCHAR NOT NULL,   -- the accord id, or the member's gemeente code
    source               VARCHAR NOT NULL,
    division             INTEGER NOT NULL,   -- municipal division of the data
    period               INTEGER NOT NULL,
    age_group            VARCHAR NOT NULL,
    sex                  VARCHAR NOT NULL,
    indicator            VARCHAR NOT NULL,
    direction            VARCHAR,            -- hoger_beter | lager_beter | neutraal (catalogue)
    value                DOUBLE,
    status               VARCHAR NOT NULL,   -- measured | suppressed | incomplete
    ci_lower             DOUBLE,
    ci_upper             DOUBLE,
    members              INTEGER NOT NULL,
    members_missing      INTEGER NOT NULL,
    reaggregated         BOOLEAN NOT NULL,
    ggd_value            DOUBLE,
    ggd_status           VARCHAR NOT NULL,
    ggd_source           VARCHAR,
    ggd_region_codes     VARCHAR,
    nl_value             DOUBLE,
    nl_status            VARCHAR NOT NULL,
    diff_ggd             DOUBLE,             -- value - ggd_value, in the indicator's unit
    diff_nl              DOUBLE,
    z_ggd                DOUBLE,
    z_nl                 DOUBLE,
    z_basis              VARCHAR,            -- interval | spreiding_gemeenten
    band_ggd             VARCHAR,            -- < -2 | -2..-1 | -1..1 | 1..2 | > 2
    band_nl              VARCHAR,
    verdict_ggd          VARCHAR,            -- gunstig | ongunstig | vergelijkbaar | neutraal
    verdict_nl           VARCHAR,
    prev_period          INTEGER,
    change_prev          DOUBLE,
    significant_prev     BOOLEAN,            -- NULL where the intervals do not allow a verdict
    verdict_prev         VARCHAR,
    baseline_period      INTEGER,            -- latest edition before the signing year
    change_baseline      DOUBLE,
    significant_baseline BOOLEAN,
    verdict_baseline     VARCHAR
);

CREATE VIEW rounds AS
SELECT round, computed_at, lpa_version FROM store.round;

CREATE VIEW population_metrics AS
SELECT * EXCLUDE (computed_at), computed_at FROM store.population_metric;

-- The accord level of the latest round, with the columns accord_metrics
-- had since the first release.
CREATE VIEW accord_metrics AS
SELECT accord_id, period, age_group, indicator, value, ggd_value, nl_value,
       status, ggd_status, nl_status, members, members_missing, ggd_region_codes, computed_at,
       source, sex, division, reaggregated, ggd_source, round, ci_lower, ci_upper
FROM store.population_metric
WHERE unit_level = 'akkoord' AND round = (SELECT max(round) FROM store.round);

-- Z-score band as GGD area profiles draw it.
CREATE MACRO lpa_band(z) AS
    CASE WHEN z IS NULL THEN NULL
         WHEN z < -2 THEN '< -2'
         WHEN z < -1 THEN '-2..-1'
         WHEN z <= 1 THEN '-1..1'
         WHEN z <= 2 THEN '1..2'
         ELSE '> 2' END;

-- Verdict on a difference or change x from the indicator's direction:
-- within +-threshold (when threshold > 0) 'vergelijkbaar'; 0 'gelijk'.
CREATE MACRO lpa_verdict(x, direction, threshold) AS
    CASE WHEN x IS NULL THEN NULL
         WHEN direction IS NULL OR direction = 'neutraal' THEN 'neutraal'
         WHEN threshold > 0 AND abs(x) <= threshold THEN 'vergelijkbaar'
         WHEN x = 0 THEN 'gelijk'
         WHEN (x > 0) = (direction = 'hoger_beter') THEN 'gunstig'
         ELSE 'ongunstig' END;
