-- 011_triple_aim: the Triple Aim panel per round (sql/metrics/triple_aim.sql).
CREATE TABLE store.triple_aim (
    round        DATE NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    accord_id    VARCHAR NOT NULL,
    dimension    VARCHAR NOT NULL,   -- populatiegezondheid | ervaren_kwaliteit_van_zorg | zorgkosten
    indicator    VARCHAR NOT NULL,
    label_nl     VARCHAR,
    unit         VARCHAR,            -- % | jaar | euro
    source       VARCHAR NOT NULL,
    period       INTEGER NOT NULL,
    value        DOUBLE,
    status       VARCHAR NOT NULL,
    nl_value     DOUBLE,
    diff_nl      DOUBLE,
    ratio_nl     DOUBLE,
    direction    VARCHAR,
    verdict_nl   VARCHAR,
    proxy        BOOLEAN NOT NULL,   -- the indicator stands in for the dimension (e.g. regie over eigen leven)
    reaggregated BOOLEAN NOT NULL
);

CREATE VIEW triple_aim AS
SELECT * EXCLUDE (computed_at), computed_at FROM store.triple_aim;
