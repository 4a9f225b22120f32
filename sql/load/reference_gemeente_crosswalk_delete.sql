-- Forgets the shipped reference rows of store.gemeente_crosswalk (written again at once).
DELETE FROM store.gemeente_crosswalk
