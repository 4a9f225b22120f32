-- The next load id.
SELECT nextval('store.load_id_seq')
