-- Keeps metrics/process_detail.sql's rows of the round (getvariable('round')) in
-- store.process_detail. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.process_detail BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
