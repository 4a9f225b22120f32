-- Forgets the rows of store.project_summary of one round. Parameter: the round.
DELETE FROM store.project_summary WHERE round = ?
