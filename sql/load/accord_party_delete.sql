-- Deletes an accord's rows of store.accord_party. Parameter: the accord id.
DELETE FROM store.accord_party WHERE accord_id = ?
