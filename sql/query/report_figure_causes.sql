-- The loads after an issue that hold observations behind the figures of
-- one issued report version: what changed its numbers. Parameters: round,
-- report, version, the newest load id when it was issued.
SELECT DISTINCT s.figure_id, s.label, s.view_key, s.load_id, s.file_name, s.sha256
FROM report_figure_sources s
WHERE s.round = ?::DATE AND s.report = ? AND s.version = ? AND s.load_id > ?
ORDER BY s.figure_id, s.label, s.view_key, s.load_id
