-- Deletes an accord's entry. Parameter: the accord id.
DELETE FROM store.accord WHERE accord_id = ?
