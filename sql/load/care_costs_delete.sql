-- Deletes the care costs of a data year. Parameter: the year.
DELETE FROM store.care_cost WHERE period = ?
