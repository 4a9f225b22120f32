-- The member gemeenten of every accord in the accord's division, with name,
-- inhabitants (-1: unknown), GGD region code and the GGD region's newest name.
SELECT m.accord_id, m.gemeente_code, coalesce(r.region_name, ''), coalesce(r.population, -1),
       coalesce(r.ggd_region_code, ''), coalesce(g.region_name, '')
FROM accord_members m
JOIN accords a USING (accord_id)
LEFT JOIN regions r ON r.division = a.division AND r.region_code = m.gemeente_code AND r.region_level = 'gemeente'
LEFT JOIN (SELECT region_code, first(region_name ORDER BY division DESC) AS region_name
           FROM regions WHERE region_level = 'ggd_regio' GROUP BY region_code) g
       ON g.region_code = r.ggd_region_code
ORDER BY m.accord_id, m.gemeente_code
