-- Opens a transaction on the connection (a load, a reference refresh).
BEGIN TRANSACTION
