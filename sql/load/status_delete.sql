-- Deletes the VNG status of a peildatum. Parameter: the date.
DELETE FROM store.accord_status WHERE peildatum = ?
