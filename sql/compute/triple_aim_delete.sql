-- Forgets the rows of store.triple_aim of one round. Parameter: the round.
DELETE FROM store.triple_aim WHERE round = ?
