-- How many accords the registry holds.
SELECT count(*) FROM accords
