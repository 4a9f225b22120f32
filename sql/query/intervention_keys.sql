-- Every intervention in the warehouse, as accord_id/intervention_id.
SELECT accord_id || '/' || intervention_id FROM store.project_intervention
