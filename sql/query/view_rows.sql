-- Every row of one public view, for the snapshot's Parquet files: the
-- snapshot puts the view's name, quoted as an identifier, in place of the
-- placeholder view_name.
SELECT * FROM "view_name"
