-- Records an issued report. Parameters: round, report, unit, version,
-- fingerprint, sha256 of the PDF, file name, issued at, the newest load id.
INSERT INTO store.report_issue (round, report, unit, version, fingerprint, pdf_sha256, file_name, issued_at, last_load)
VALUES (?::DATE, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(load_id), 0) FROM store.load_log))
