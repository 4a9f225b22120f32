-- 010_accord_effect: difference in differences per accord and NPA indicator
-- (sql/metrics/accord_effect.sql), per round.
CREATE TABLE store.accord_effect (
    round          DATE NOT NULL,
    computed_at    TIMESTAMPTZ NOT NULL,
    accord_id      VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    age_group      VARCHAR NOT NULL,
    sex            VARCHAR NOT NULL,
    indicator      VARCHAR NOT NULL,
    direction      VARCHAR,
    from_period    INTEGER NOT NULL,   -- baseline edition (before signing)
    to_period      INTEGER NOT NULL,   -- latest edition of the round
    members        INTEGER NOT NULL,   -- member gemeenten of the accord
    n_treated      INTEGER NOT NULL,   -- members with values in both editions
    n_controls     INTEGER NOT NULL,   -- matched control draws (5 per member)
    status         VARCHAR NOT NULL,   -- measured | incomplete (a member lacks a value)
    treated_change DOUBLE,             -- in the indicator's unit
    control_change DOUBLE,
    did            DOUBLE,             -- treated_change - control_change
    ci_lower       DOUBLE,
    ci_upper       DOUBLE,
    verdict        VARCHAR             -- gunstig | ongunstig | niet_onderscheidbaar
);

CREATE VIEW accord_effects AS
SELECT * EXCLUDE (computed_at), computed_at FROM store.accord_effect;
