-- Deletes an accord's rows of store.accord_coding. Parameter: the accord id.
DELETE FROM store.accord_coding WHERE accord_id = ?
