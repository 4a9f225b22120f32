-- Deletes an accord's members. Parameter: the accord id.
DELETE FROM store.accord_member WHERE accord_id = ?
