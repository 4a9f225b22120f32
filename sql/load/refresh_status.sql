-- Sets a load's status from the rows it still owns: all (loaded), some
-- (partly_replaced) or none (replaced). Parameters: owned rows (twice),
-- load id.
UPDATE store.load_log SET status = CASE
        WHEN rows = 0 THEN 'loaded' -- a blank template brings no rows and loses none
        WHEN ? = 0 THEN 'replaced'
        WHEN ? < rows THEN 'partly_replaced'
        ELSE 'loaded' END
WHERE load_id = ? AND status IN ('loaded', 'partly_replaced', 'replaced')
