-- Ends a run. Parameters: end, status, error (NULL: none), loads, round,
-- reports, run id.
UPDATE store.run SET finished_at = ?, status = ?, error = ?, loads = ?, round = ?, reports = ?
WHERE run_id = ?
