-- Commits the connection's transaction.
COMMIT
