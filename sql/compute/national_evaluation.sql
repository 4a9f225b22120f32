-- Keeps metrics/national_evaluation.sql's rows of the round (getvariable('round')) in
-- store.national_figure. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.national_figure BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
