-- Forgets a local indicator's description. Parameter: the indicator key.
DELETE FROM store.indicator_local WHERE indicator = ?
