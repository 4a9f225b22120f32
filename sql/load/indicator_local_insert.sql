-- Describes an indicator a local file brings. Parameters in column order.
INSERT INTO store.indicator_local (indicator, label_nl, unit, theme, direction, triple_aim, sort_order, note, load_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
