-- The hash of the reference data the warehouse holds (one row).
CREATE TABLE IF NOT EXISTS store.reference_version (sha256 VARCHAR)
