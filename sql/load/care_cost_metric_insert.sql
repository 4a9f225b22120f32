-- Keeps the rows of metrics/care_cost_per_insured.sql of one data year.
-- Parameters: the metric's SQL, the year.
INSERT INTO store.care_cost_metric BY NAME
SELECT * FROM query(?) WHERE period = ?
