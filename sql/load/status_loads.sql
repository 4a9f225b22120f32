-- The loads whose rows the VNG status of a peildatum holds. Parameter: the date.
SELECT DISTINCT load_id FROM store.accord_status WHERE peildatum = ? ORDER BY 1
