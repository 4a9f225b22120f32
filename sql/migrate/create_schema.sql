-- The schema of lpa's own tables; the public views live in main.
CREATE SCHEMA IF NOT EXISTS store
