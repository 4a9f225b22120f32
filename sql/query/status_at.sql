-- VNG's status of every gemeente at a round: the newest peildatum on or
-- before it. Parameter: the round.
SELECT gemeente_code, arg_max(status, peildatum), max(peildatum), arg_max(division, peildatum), bool_or(example_data)
FROM accord_status
WHERE peildatum <= ?::DATE
GROUP BY gemeente_code
ORDER BY gemeente_code
