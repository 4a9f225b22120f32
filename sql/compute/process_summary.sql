-- Keeps metrics/process_summary.sql's rows of the round (getvariable('round')) in
-- store.process_summary. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.process_summary BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
