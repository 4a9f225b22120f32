-- Forgets the rows of store.round_party of one round. Parameter: the round.
DELETE FROM store.round_party WHERE round = ?
