-- The loads whose rows are (partly) in the warehouse, oldest first.
SELECT load_id, file_name, coalesce(kind, ''), rows, loaded_at, sha256
FROM loads
WHERE status IN ('loaded', 'partly_replaced')
ORDER BY load_id
