-- One issued version of a report. Parameters: the round, the report, the
-- version.
SELECT report, unit, version, fingerprint, pdf_sha256, file_name, issued_at, last_load
FROM store.report_issue
WHERE round = ?::DATE AND report = ? AND version = ?
