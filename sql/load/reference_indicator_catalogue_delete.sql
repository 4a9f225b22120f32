-- Forgets the shipped reference rows of store.indicator_catalogue (written again at once).
DELETE FROM store.indicator_catalogue
