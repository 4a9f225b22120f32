-- The time of the warehouse's last change: its newest load or computed round.
-- Reports are dated with it, so that the same warehouse gives the same PDF.
SELECT greatest(
    (SELECT max(loaded_at) FROM store.load_log WHERE status <> 'failed'),
    (SELECT max(computed_at) FROM store.round))
