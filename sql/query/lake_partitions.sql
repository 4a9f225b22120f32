-- The partitions of one partitioned public view for the Parquet lake (lpa
-- export --parquet): per value of its partition columns, its key (the hash
-- of the values, which query/lake_partition_rows.sql selects by), how many
-- rows it holds and a checksum of their content, the sum of every row's hash
-- (the order of the rows does not count; a changed, added or removed row
-- does). The export puts the view's name, quoted as an identifier, in place
-- of view_name, and its partition columns, quoted and separated by commas,
-- in place of partition_columns.
-- Output: the partition columns, lake_key (UBIGINT), lake_rows (BIGINT),
-- lake_content (the sum, a HUGEINT, as VARCHAR).
SELECT "partition_columns", hash("partition_columns") AS lake_key, count(*) AS lake_rows,
       coalesce(sum(hash(lake_row)), 0)::VARCHAR AS lake_content
FROM "view_name" AS lake_row
GROUP BY ALL
ORDER BY ALL
