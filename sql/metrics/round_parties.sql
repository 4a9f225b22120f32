-- round_parties: a snapshot of every closed accord's parties as the round
-- sees them, so that round_changes can tell partners that joined or left.
-- Round: getvariable('round'); accords signed on or before it.
-- Output columns: accord_id, party, sector, example_data.
WITH params AS (
    SELECT getvariable('round')::DATE AS round, year(getvariable('round')::DATE) AS round_year
)
SELECT p.accord_id, p.party, p.sector, p.example_data
FROM accord_parties p
JOIN accords a USING (accord_id), params x
WHERE coalesce(a.signed_on <= x.round, a.signed_year <= x.round_year)
ORDER BY p.accord_id, p.party_no
