-- 014_process_project_national: process, project and national metrics per
-- round (sql/metrics/process_summary.sql, process_detail.sql,
-- project_summary.sql, national_evaluation.sql), a snapshot of the parties
-- per round, and the comparison of rounds.
CREATE TABLE store.process_summary (
    round                     DATE NOT NULL,
    computed_at               TIMESTAMPTZ NOT NULL,
    accord_id                 VARCHAR NOT NULL,
    parties                   INTEGER,
    sectors                   INTEGER,
    last_quarter              VARCHAR,
    parties_active            INTEGER,
    share_active              DOUBLE,
    steering_meetings         INTEGER,
    working_group_meetings    INTEGER,
    meetings_total            INTEGER,
    residents_involved        INTEGER,
    budget_planned_eur        DOUBLE,
    budget_spent_eur          DOUBLE,
    spent_share               DOUBLE,
    uitgangspunten_assessed   INTEGER,
    uitgangspunten_met        INTEGER,
    uitgangspunten_not_met    VARCHAR,
    goals                     INTEGER NOT NULL,
    goals_with_deadline       INTEGER NOT NULL,
    share_goals_with_deadline DOUBLE,
    goals_with_owner          INTEGER NOT NULL,
    share_goals_with_owner    DOUBLE,
    programmes                VARCHAR,
    example_data              BOOLEAN NOT NULL
);

CREATE TABLE store.process_detail (
    round        DATE NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    accord_id    VARCHAR NOT NULL,
    measure      VARCHAR NOT NULL,   -- partijen_per_sector | budget_per_regel
    item         VARCHAR NOT NULL,
    count        INTEGER,
    share        DOUBLE,
    planned_eur  DOUBLE,
    spent_eur    DOUBLE,
    example_data BOOLEAN NOT NULL
);

CREATE TABLE store.project_summary (
    round                DATE NOT NULL,
    computed_at          TIMESTAMPTZ NOT NULL,
    accord_id            VARCHAR NOT NULL,
    theme                VARCHAR NOT NULL,
    interventions        INTEGER NOT NULL,
    recognised           INTEGER NOT NULL,
    recognition_known    INTEGER NOT NULL,
    share_recognised     DOUBLE,
    planned_participants BIGINT,
    reached_participants BIGINT,
    reach_share          DOUBLE,
    goals                INTEGER NOT NULL,
    npa_theme            BOOLEAN NOT NULL,
    gap                  VARCHAR,         -- npa_thema_zonder_doel | doel_zonder_interventie
    example_data         BOOLEAN NOT NULL
);

CREATE TABLE store.national_figure (
    round        DATE NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    section      VARCHAR NOT NULL,
    item         VARCHAR NOT NULL,
    detail       VARCHAR,
    count        INTEGER,
    base         INTEGER,
    pct          INTEGER,
    pct_exact    DOUBLE,
    value        DOUBLE,
    example_data BOOLEAN
);

CREATE TABLE store.round_party (
    round        DATE NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    accord_id    VARCHAR NOT NULL,
    party        VARCHAR NOT NULL,
    sector       VARCHAR NOT NULL,
    example_data BOOLEAN NOT NULL
);

CREATE VIEW process_summary AS SELECT * EXCLUDE (computed_at), computed_at FROM store.process_summary;
CREATE VIEW process_details AS SELECT * EXCLUDE (computed_at), computed_at FROM store.process_detail;
CREATE VIEW project_summary AS SELECT * EXCLUDE (computed_at), computed_at FROM store.project_summary;
CREATE VIEW national_evaluation AS SELECT * EXCLUDE (computed_at), computed_at FROM store.national_figure;

-- The view round_changes (what changed per accord since the previous round)
-- is defined in 015_round_changes.sql; a warehouse migrated by an earlier lpa
-- got a first version of it here, which 015 replaces.
