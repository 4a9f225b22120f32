-- Forgets the shipped cost categories (they are written again at once).
DELETE FROM store.care_cost_category
