-- Forgets the rows of store.national_figure of one round. Parameter: the round.
DELETE FROM store.national_figure WHERE round = ?
