-- Forgets the rows of store.accord_effect of one round. Parameter: the round.
DELETE FROM store.accord_effect WHERE round = ?
