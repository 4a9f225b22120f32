-- Keeps metrics/project_summary.sql's rows of the round (getvariable('round')) in
-- store.project_summary. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.project_summary BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
