-- Forgets the shipped reference rows of store.reference_goal (written again at once).
DELETE FROM store.reference_goal
