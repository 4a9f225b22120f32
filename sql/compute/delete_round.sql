-- Forgets a round. Parameter: the round.
DELETE FROM store.round WHERE round = ?
