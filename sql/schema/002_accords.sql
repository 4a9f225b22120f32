-- 002_accords: the accord registry and the first accord metric.
CREATE TABLE store.accord (
    accord_id    VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,  -- lokaal | regionaal
    signed_on    DATE,              -- NULL when only the year is known
    signed_year  INTEGER NOT NULL,
    division     INTEGER NOT NULL,  -- municipal division of the member codes
    example_data BOOLEAN NOT NULL,  -- the entry holds coded example data
    source       VARCHAR,           -- where the facts come from
    file_name    VARCHAR NOT NULL,
    load_id      INTEGER NOT NULL
);

CREATE TABLE store.accord_member (
    accord_id     VARCHAR NOT NULL,
    gemeente_code VARCHAR NOT NULL,
    load_id       INTEGER NOT NULL
);

CREATE TABLE store.accord_metric (
    accord_id          VARCHAR NOT NULL,
    period             INTEGER NOT NULL,
    age_group          VARCHAR NOT NULL,
    indicator          VARCHAR NOT NULL,
    value              DOUBLE,
    status             VARCHAR NOT NULL,
    members            INTEGER NOT NULL,
    members_missing    INTEGER NOT NULL,
    ggd_value          DOUBLE,
    ggd_status         VARCHAR NOT NULL,
    ggd_region_codes   VARCHAR,
    nl_value           DOUBLE,
    nl_status          VARCHAR NOT NULL,
    computed_at        TIMESTAMPTZ NOT NULL
);
