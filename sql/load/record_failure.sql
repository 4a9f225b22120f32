-- Notes a refused file in the load log; nothing else changes.
-- Parameters: file name, path, sha256, kind (NULL: unknown), when, message.
INSERT INTO store.load_log (load_id, file_name, file_path, sha256, kind, rows, loaded_at, status, message)
VALUES (nextval('store.load_id_seq'), ?, ?, ?, ?, 0, ?, 'failed', ?)
