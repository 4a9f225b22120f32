-- The hash of the reference data the warehouse holds.
SELECT max(sha256) FROM store.reference_version
