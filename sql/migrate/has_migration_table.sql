-- Whether the warehouse has lpa's migration table (0 or 1).
SELECT count(*) FROM information_schema.tables WHERE table_schema = 'store' AND table_name = 'schema_migration'
