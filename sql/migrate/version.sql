-- The newest schema version applied to the warehouse (NULL: none).
SELECT max(version) FROM store.schema_migration
