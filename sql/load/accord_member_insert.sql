-- Writes a member of an accord. Parameters: accord id, gemeente code, load id.
INSERT INTO store.accord_member (accord_id, gemeente_code, load_id) VALUES (?, ?, ?)
