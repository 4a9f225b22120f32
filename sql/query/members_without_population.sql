-- Member gemeenten without inhabitants in their accord's division: compute
-- cannot weigh them.
SELECT m.accord_id, m.gemeente_code, a.division
FROM accord_members m
JOIN accords a USING (accord_id)
LEFT JOIN regions r ON r.division = a.division AND r.region_code = m.gemeente_code AND r.region_level = 'gemeente'
WHERE r.population IS NULL
ORDER BY 1, 2
