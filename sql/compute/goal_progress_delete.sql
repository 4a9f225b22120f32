-- Forgets the rows of store.goal_progress of one round. Parameter: the round.
DELETE FROM store.goal_progress WHERE round = ?
