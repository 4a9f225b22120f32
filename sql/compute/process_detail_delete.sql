-- Forgets the rows of store.process_detail of one round. Parameter: the round.
DELETE FROM store.process_detail WHERE round = ?
