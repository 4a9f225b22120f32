-- Forgets the shipped reference rows of store.gemeente_change (written again at once).
DELETE FROM store.gemeente_change
