-- Forgets care_cost_per_insured of a data year. Parameter: the year.
DELETE FROM store.care_cost_metric WHERE period = ?
