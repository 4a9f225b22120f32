-- 016_runs: the run history of lpa serve's scheduled jobs.
CREATE SEQUENCE store.run_id_seq START 1;

CREATE TABLE store.run (
    run_id        BIGINT PRIMARY KEY,
    job           VARCHAR NOT NULL,   -- load | compute | report | cycle
    scheduled_for TIMESTAMPTZ,        -- the due time (NULL: run now by hand)
    started_at    TIMESTAMPTZ,        -- NULL for skipped and missed runs
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,   -- running | ok | failed | skipped | missed | cancelled
    attempt       INTEGER NOT NULL,   -- 1, or the retry number
    error         VARCHAR,
    loads         INTEGER,            -- files loaded
    round         DATE,               -- the round computed or reported
    reports       INTEGER             -- PDFs written
);

CREATE VIEW runs AS
SELECT run_id, job, scheduled_for, started_at, finished_at, status, attempt, error, loads, round, reports
FROM store.run;
