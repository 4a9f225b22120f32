-- The care-cost rows of a data year. Parameter: the year.
SELECT count(*) FROM store.care_cost WHERE period = ?
