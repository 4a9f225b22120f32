-- Drops the staged template rows.
DROP TABLE lpa_template
