-- Keeps metrics/goal_progress.sql's rows of the round (getvariable('round')) in
-- store.goal_progress. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.goal_progress BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
