-- Writes the write-ahead log into the warehouse file, so that a copy of the
-- file holds every committed change (before a snapshot). FORCE: wait for
-- the readers of the moment instead of failing (DuckDB 1.4 and later).
FORCE CHECKPOINT
