-- 013_goals: national reference goals (the NPA's 2040 ambitions, shipped as
-- data with their source) and goal progress per round.
CREATE TABLE store.reference_goal (
    goal_set       VARCHAR NOT NULL,  -- npa_2040
    indicator      VARCHAR NOT NULL,
    target_value   DOUBLE NOT NULL,
    deadline_year  INTEGER NOT NULL,
    label_nl       VARCHAR NOT NULL,
    source         VARCHAR NOT NULL
);

CREATE VIEW reference_goals AS
SELECT goal_set, indicator, target_value, deadline_year, label_nl, source FROM store.reference_goal;

CREATE TABLE store.goal_progress (
    round            DATE NOT NULL,
    computed_at      TIMESTAMPTZ NOT NULL,
    accord_id        VARCHAR NOT NULL,
    goal_kind        VARCHAR NOT NULL,   -- akkoord (the accord's own goal) | npa_2040 (reference)
    goal_no          INTEGER NOT NULL,   -- the accord's goal number; for references their order
    goal             VARCHAR NOT NULL,
    indicator        VARCHAR,
    direction        VARCHAR,
    source           VARCHAR,            -- the observations' source of the series
    baseline_period  INTEGER,
    baseline_value   DOUBLE,
    latest_period    INTEGER,
    latest_value     DOUBLE,
    target_value     DOUBLE,
    deadline_year    INTEGER,
    progress         DOUBLE,             -- share of the way from baseline to target (1 = reached)
    editions         INTEGER,            -- editions with a value used for the projection
    slope_per_year   DOUBLE,
    projected_value  DOUBLE,             -- at the deadline, by the linear trend over the editions
    verdict          VARCHAR NOT NULL,   -- behaald | op_koers | niet_op_koers | geen_gegevens
    reason           VARCHAR,            -- why geen_gegevens
    example_data     BOOLEAN NOT NULL
);

CREATE VIEW goal_progress AS
SELECT * EXCLUDE (computed_at), computed_at FROM store.goal_progress;
