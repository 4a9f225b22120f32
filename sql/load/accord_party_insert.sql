-- Writes an accord's parties (Arrow view lpa_ingest_parties). Parameters:
-- accord id, example data, load id.
INSERT INTO store.accord_party (accord_id, party_no, party, sector, example_data, load_id)
SELECT ?, party_no, party, sector, ?, ? FROM lpa_ingest_parties
