-- 006_registry: the full accord registry, VNG status per municipality and
-- round, and the process and project templates.
-- (Tables are added here as the registry model grows; see README.md.)
CREATE TABLE store.accord_status (
    peildatum     DATE NOT NULL,     -- the round's reference date
    gemeente_code VARCHAR NOT NULL,
    division      INTEGER NOT NULL,
    status        VARCHAR NOT NULL,  -- gesloten | in_voorbereiding | verkennen | geen_activiteiten
    example_data  BOOLEAN NOT NULL,
    load_id       INTEGER NOT NULL
);
