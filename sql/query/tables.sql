-- The prompt's .tables: the public views and tables of the warehouse.
SELECT table_schema AS schema, table_name AS name, table_type AS type
FROM information_schema.tables
WHERE table_schema = 'main'
ORDER BY 2
