-- Whether a round is computed (0 or 1). Parameter: the round.
SELECT count(*) FROM store.round WHERE round = ?
