-- Forgets the shipped reference rows of store.gemeente_division (written again at once).
DELETE FROM store.gemeente_division
