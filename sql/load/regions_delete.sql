-- Deletes the regions of one kind of file in one division.
-- Parameters: the kind of region file, the division.
DELETE FROM store.region WHERE source = ? AND division = ?
