-- The accord registry, sorted by id.
SELECT accord_id, name, kind, signed_on, signed_year, division, example_data, coalesce(source, ''), file_name
FROM accords
ORDER BY accord_id
