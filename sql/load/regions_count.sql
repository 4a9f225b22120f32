-- The rows of one kind of region file in one division.
-- Parameters: the kind of region file, the division.
SELECT count(*) FROM store.region WHERE source = ? AND division = ?
