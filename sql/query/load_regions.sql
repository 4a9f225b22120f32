-- The regions whose observations each load holds: which loads are behind a
-- report (its gemeenten, their GGD regions' gemeenten and Nederland).
SELECT DISTINCT load_id, region_code FROM store.observation ORDER BY ALL
