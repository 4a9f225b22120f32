-- A read-only warehouse opens no file at all once it is open: not even its own
-- by name (read_blob of the warehouse).
SET GLOBAL disabled_filesystems = 'LocalFileSystem'
