-- Every file name and content (sha256) the load log has seen, loaded or
-- refused: the service's load job tries only files it has not seen.
SELECT DISTINCT file_name, sha256 FROM store.load_log
