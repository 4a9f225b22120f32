-- Forgets the shipped reference rows of store.ggd_exception (written again at once).
DELETE FROM store.ggd_exception
