-- Runs left 'running' by a stopped server become 'cancelled'. Parameter: now.
UPDATE store.run SET status = 'cancelled', finished_at = ?, error = 'lpa serve stopped during the run'
WHERE status = 'running'
