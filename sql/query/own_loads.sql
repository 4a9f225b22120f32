-- Loads of files other than the bundled example data that hold rows: a
-- warehouse with any is the user's, and lpa run leaves the examples out.
SELECT count(*)
FROM store.load_log
WHERE status NOT IN ('failed', 'unchanged')
  AND NOT starts_with(file_path, 'examples/');
