-- Forgets the rows of store.process_summary of one round. Parameter: the round.
DELETE FROM store.process_summary WHERE round = ?
