-- The newest whole load of the same content under the same file name, with
-- its rows. Parameters: sha256, file name.
SELECT load_id, rows
FROM store.load_log
WHERE sha256 = ? AND file_name = ? AND status = 'loaded'
ORDER BY load_id DESC
LIMIT 1
