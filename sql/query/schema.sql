-- The prompt's .schema: every column of the warehouse's public views and
-- tables, in order, with the CREATE statement of its view or table as
-- DuckDB's .schema shows it (its columns; a view's query is not shown).
-- Output: name (of the view or table), type ('VIEW' or 'BASE TABLE'),
-- column_name, data_type (DuckDB's type name), ddl (the same on each row
-- of a view or table).
WITH cols AS (
  SELECT t.table_name AS name, t.table_type AS type, c.column_name, c.data_type, c.ordinal_position
  FROM information_schema.tables t
  JOIN information_schema.columns c
    ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
  WHERE t.table_schema = 'main'
), ddl AS (
  SELECT name,
         'CREATE ' || CASE WHEN type = 'VIEW' THEN 'VIEW' ELSE 'TABLE' END || ' ' || name || ' (' || chr(10)
           || string_agg('    ' || column_name || ' ' || data_type, ',' || chr(10) ORDER BY ordinal_position)
           || chr(10) || ');' AS ddl
  FROM cols
  GROUP BY name, type
)
SELECT cols.name, cols.type, cols.column_name, cols.data_type, ddl.ddl
FROM cols JOIN ddl USING (name)
ORDER BY cols.name, cols.ordinal_position
