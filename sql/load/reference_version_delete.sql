-- Forgets the reference hash.
DELETE FROM store.reference_version
