-- Deletes an accord's rows of store.accord_goal. Parameter: the accord id.
DELETE FROM store.accord_goal WHERE accord_id = ?
