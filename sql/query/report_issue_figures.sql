-- The figures of one issued report version. Parameters: round, report, version.
SELECT page, figure_id, label, printed, value, view_name, view_key
FROM store.report_figure
WHERE round = ?::DATE AND report = ? AND version = ?
ORDER BY page, figure_id, label, view_key
