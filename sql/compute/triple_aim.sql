-- Keeps metrics/triple_aim.sql's rows of the round (getvariable('round')) in
-- store.triple_aim. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.triple_aim BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
