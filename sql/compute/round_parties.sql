-- Keeps metrics/round_parties.sql's rows of the round (getvariable('round')) in
-- store.round_party. Parameters: the time of computing, the metric's SQL.
INSERT INTO store.round_party BY NAME
SELECT *, getvariable('round') AS round, ?::TIMESTAMPTZ AS computed_at
FROM query(?)
