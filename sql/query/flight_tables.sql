-- The public views and tables for Flight SQL's catalog calls (GetCatalogs,
-- GetDbSchemas, GetTables): their catalog, schema, name and type.
SELECT table_catalog AS catalog, table_schema AS schema, table_name AS name, table_type AS type
FROM information_schema.tables
WHERE table_schema = 'main'
ORDER BY 3
