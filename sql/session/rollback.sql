-- Undoes the connection's transaction.
ROLLBACK
