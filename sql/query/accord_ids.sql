-- Every accord id in the warehouse.
SELECT accord_id FROM store.accord
