-- One row per applied migration (sql/schema/NNN_name.sql).
CREATE TABLE IF NOT EXISTS store.schema_migration (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
)
