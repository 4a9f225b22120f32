-- The columns of one public view for the Parquet lake's manifest (lpa export
-- --parquet): no rows, only the names and DuckDB types of the result. The
-- export puts the view's name, quoted as an identifier, in place of view_name.
SELECT * FROM "view_name" LIMIT 0
