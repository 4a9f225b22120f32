-- Every row of one partitioned public view for the Parquet lake (lpa export
-- --parquet), ordered by its partition columns so that the rows of each
-- partition come together, in the order of query/lake_partitions.sql. The
-- placeholders are those of query/lake_partitions.sql.
SELECT * FROM "view_name" ORDER BY "partition_columns"
