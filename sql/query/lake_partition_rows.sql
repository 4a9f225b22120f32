-- The rows of one partition of a public view for the Parquet lake (lpa
-- export --parquet): those whose partition columns hash to the partition's
-- key from query/lake_partitions.sql. The export puts the view's name and
-- its partition columns in place of view_name and partition_columns, as
-- there, and the key, a number, in place of lake_key.
SELECT * FROM "view_name" WHERE hash("partition_columns") = "lake_key"
