-- The latest issue of every report of a round. Parameter: the round.
SELECT report, unit, version, fingerprint, pdf_sha256, file_name, issued_at, last_load
FROM store.report_issue
WHERE round = ?::DATE
QUALIFY row_number() OVER (PARTITION BY report ORDER BY version DESC) = 1
ORDER BY report
