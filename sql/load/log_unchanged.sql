-- Notes a file whose content is loaded already. Parameters: load id, file
-- name, path, sha256, kind, when, message.
INSERT INTO store.load_log (load_id, file_name, file_path, sha256, kind, rows, loaded_at, status, message)
VALUES (?, ?, ?, ?, ?, 0, ?, 'unchanged', ?)
