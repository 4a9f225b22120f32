-- Notes an applied migration. Parameters: version, file name.
INSERT INTO store.schema_migration (version, name) VALUES (?, ?)
