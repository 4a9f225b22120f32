-- 012_local_indicators: indicators a local file (lpa's long format) brings
-- that lpa's catalogue does not know; they join the indicators view.
CREATE TABLE store.indicator_local (
    indicator  VARCHAR NOT NULL,
    label_nl   VARCHAR NOT NULL,
    unit       VARCHAR NOT NULL,
    theme      VARCHAR NOT NULL,
    direction  VARCHAR NOT NULL,
    triple_aim VARCHAR,
    sort_order INTEGER NOT NULL,
    note       VARCHAR,
    load_id    INTEGER NOT NULL
);

CREATE OR REPLACE VIEW indicators AS
SELECT indicator, label_nl, unit, theme, direction, triple_aim, npa_core, sort_order, note
FROM store.indicator_catalogue
UNION ALL
SELECT indicator, label_nl, unit, theme, direction, triple_aim, false, sort_order, note
FROM store.indicator_local
WHERE indicator NOT IN (SELECT indicator FROM store.indicator_catalogue);
