-- Notes the reference hash. Parameter: the hash.
INSERT INTO store.reference_version (sha256) VALUES (?)
