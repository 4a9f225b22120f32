-- Writes an accord's coding. Parameters in column order.
INSERT INTO store.accord_coding (accord_id, peildatum, based_on, party_count, interventions_described,
    theme_interventions_described, ehealth, working_methods_worked_out, monitoring_worked_out, note, source,
    example_data, load_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
