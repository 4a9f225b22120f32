-- Every load, newest first, for the dashboard's loads page. Parameter: how many.
SELECT load_id, file_name, coalesce(file_path, ''), sha256, coalesce(kind, ''), coalesce(rows, 0), loaded_at, status,
       coalesce(message, '')
FROM loads
ORDER BY load_id DESC
LIMIT ?
