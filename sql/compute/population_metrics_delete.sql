-- Forgets the rows of store.population_metric of one round. Parameter: the round.
DELETE FROM store.population_metric WHERE round = ?
