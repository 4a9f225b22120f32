-- 001_core: lineage and observations.
--
-- Internal tables live in schema "store"; analysts query the views in the
-- default schema (created in 002_views.sql), which are the documented
-- interface. Every loaded row carries the load_id of the load that brought it.
CREATE SCHEMA IF NOT EXISTS store;

CREATE SEQUENCE store.load_id_seq START 1;

-- One row per load attempt, successful or not.
--   status: loaded     the file's rows are in the warehouse
--           unchanged  the same content (sha256) was loaded before; nothing added
--           failed     the file was refused; nothing changed (message says why)
--           replaced   a later load of the same slice took its rows over
CREATE TABLE store.load_log (
    load_id    INTEGER PRIMARY KEY,
    file_name  VARCHAR NOT NULL,  -- base name of the file or registry folder entry
    file_path  VARCHAR NOT NULL,  -- path as given on the command line
    sha256     VARCHAR NOT NULL,  -- of the file's bytes as stored on disk
    kind       VARCHAR,           -- recognised kind, e.g. statline_50090ned
    rows       BIGINT,            -- rows added (observations, regions, ...)
    loaded_at  TIMESTAMPTZ NOT NULL,
    status     VARCHAR NOT NULL,
    message    VARCHAR
);

-- One row per source cell that was published (measured) or suppressed.
-- A slice is (source, period, age_group, region_level): loading a file that
-- covers a slice replaces that slice's rows.
CREATE TABLE store.observation (
    source       VARCHAR NOT NULL,  -- StatLine table id, e.g. 50090NED
    division     INTEGER NOT NULL,  -- municipal division (indeling) of region_code
    region_code  VARCHAR NOT NULL,  -- NL01, GM0363, WK036300, BU03630000
    region_level VARCHAR NOT NULL,  -- land, gemeente, wijk, buurt
    period       INTEGER NOT NULL,  -- edition year
    age_group    VARCHAR NOT NULL,  -- StatLine Leeftijd code, e.g. 20300
    indicator    VARCHAR NOT NULL,  -- catalogue key, snake_case
    value        DOUBLE,            -- NULL when suppressed
    status       VARCHAR NOT NULL,  -- measured | suppressed
    load_id      INTEGER NOT NULL
);

-- Region reference per municipal division (indeling), from CBS files.
CREATE TABLE store.region (
    division      INTEGER NOT NULL,
    region_code   VARCHAR NOT NULL,
    region_name   VARCHAR,
    region_level  VARCHAR NOT NULL,  -- land, provincie, ggd_regio, gemeente, wijk, buurt
    gemeente_code VARCHAR,           -- for gemeente, wijk and buurt rows
    province_code VARCHAR,           -- for gemeente rows, where the source gives it
    population    BIGINT,            -- inhabitants, where the source gives it
    source        VARCHAR NOT NULL,  -- kind of file it came from
    load_id       INTEGER NOT NULL
);

-- Gemeente -> GGD region, per division, from CBS "Gebieden in Nederland".
CREATE TABLE store.gemeente_ggd (
    division        INTEGER NOT NULL,
    gemeente_code   VARCHAR NOT NULL,
    ggd_region_code VARCHAR NOT NULL,
    load_id         INTEGER NOT NULL
);

-- Reference data shipped with lpa (refreshed on every read-write open):
-- municipal reorganisations and the indicator catalogue.
CREATE TABLE store.gemeente_change (
    effective_date DATE NOT NULL,
    old_code       VARCHAR NOT NULL,
    old_name       VARCHAR NOT NULL,
    new_code       VARCHAR NOT NULL,
    new_name       VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,  -- samenvoeging | opheffing (split over several)
    note           VARCHAR
);

-- GGD membership that differs from what the successor gemeente's GGD says
-- (e.g. Weesp: GGD Gooi en Vechtstreek until it joined Amsterdam in 2022).
CREATE TABLE store.ggd_exception (
    division        INTEGER NOT NULL,
    gemeente_code   VARCHAR NOT NULL,
    ggd_region_code VARCHAR NOT NULL,
    note            VARCHAR
);

CREATE TABLE store.indicator_catalogue (
    indicator  VARCHAR PRIMARY KEY,
    label_nl   VARCHAR NOT NULL,
    unit       VARCHAR NOT NULL,
    theme      VARCHAR NOT NULL,
    direction  VARCHAR NOT NULL,  -- hoger_beter | lager_beter | neutraal
    triple_aim VARCHAR,           -- populatiegezondheid | ervaren_kwaliteit_van_zorg | zorgkosten
    npa_core   BOOLEAN NOT NULL,  -- shown in the NPA table of the accord report
    sort_order INTEGER NOT NULL,
    note       VARCHAR
);
