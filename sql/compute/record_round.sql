-- Notes a computed round. Parameters: round, computed at, lpa's version.
INSERT OR REPLACE INTO store.round (round, computed_at, lpa_version) VALUES (?, ?, ?)
