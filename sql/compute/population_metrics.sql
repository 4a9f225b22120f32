-- Keeps metrics/population_metrics.sql's rows of the round (getvariable('round')) in
-- store.population_metric. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.population_metric BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
