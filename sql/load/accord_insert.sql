-- Writes an accord's entry. Parameters in column order.
INSERT INTO store.accord (accord_id, name, kind, signed_on, signed_year, division, example_data, source, file_name, load_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
