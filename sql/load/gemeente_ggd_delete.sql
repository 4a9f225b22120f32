-- Deletes the gemeente -> GGD rows of a division. Parameter: the division.
DELETE FROM store.gemeente_ggd WHERE division = ?
