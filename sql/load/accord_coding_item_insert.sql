-- Writes an accord's coded lists (Arrow view lpa_ingest_items). Parameters:
-- accord id, example data, load id.
INSERT INTO store.accord_coding_item (accord_id, facet, position, item, detail, example_data, load_id)
SELECT ?, facet, position, item, detail, ?, ? FROM lpa_ingest_items
