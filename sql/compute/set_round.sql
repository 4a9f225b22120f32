-- The peildatum every metric reads with getvariable('round'). Parameter: the round.
SET VARIABLE round = ?::DATE
