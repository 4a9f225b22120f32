-- A public view that the Parquet lake (lpa export --parquet) keeps in one
-- file: how many rows it holds and a checksum of their content, the sum of
-- every row's hash (the order of the rows does not count). The export puts
-- the view's name, quoted as an identifier, in place of view_name.
-- Output: lake_rows (BIGINT), lake_content (the sum, a HUGEINT, as VARCHAR).
SELECT count(*) AS lake_rows, coalesce(sum(hash(lake_row)), 0)::VARCHAR AS lake_content
FROM "view_name" AS lake_row
