-- Notes a loaded file. Parameters: load id, file name, path, sha256, kind,
-- rows, when, message (NULL: none).
INSERT INTO store.load_log (load_id, file_name, file_path, sha256, kind, rows, loaded_at, status, message)
VALUES (?, ?, ?, ?, ?, ?, ?, 'loaded', ?)
