-- Keeps metrics/accord_effect.sql's rows of the round (getvariable('round')) in
-- store.accord_effect. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.accord_effect BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
