-- The columns of a statement's result without its rows, for Flight SQL's
-- schema calls. The statement takes the place of the line marked
-- lpa:statement below.
SELECT * FROM (
SELECT NULL AS statement -- lpa:statement
) LIMIT 0
