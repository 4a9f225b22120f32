-- Load test: an accord's smoking metric; {accord} is the accord's id.
SELECT *
FROM accord_metrics
WHERE accord_id = '{accord}' AND indicator = 'roker'
