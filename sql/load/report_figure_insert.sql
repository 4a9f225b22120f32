-- Records one printed figure of an issued report. Parameters: round,
-- report, version, page, figure id, label, printed text, value, view, key.
INSERT INTO store.report_figure (round, report, version, page, figure_id, label, printed, value, view_name, view_key)
VALUES (?::DATE, ?, ?, ?, ?, ?, ?, ?, ?, ?)
