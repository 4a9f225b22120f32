-- The gemeenten of the GGD regions of a division: the area a report's map
-- shows. Parameter: the division.
SELECT ggd_region_code, region_code
FROM regions
WHERE region_level = 'gemeente' AND division = ? AND ggd_region_code IS NOT NULL
ORDER BY 1, 2
