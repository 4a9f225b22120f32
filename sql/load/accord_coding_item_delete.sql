-- Deletes an accord's rows of store.accord_coding_item. Parameter: the accord id.
DELETE FROM store.accord_coding_item WHERE accord_id = ?
