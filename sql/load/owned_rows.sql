-- The warehouse rows that came with a load, over every table a load fills.
-- Parameter: the load id.
SELECT
    (SELECT count(*) FROM store.observation WHERE load_id = $1) +
    (SELECT count(*) FROM store.region WHERE load_id = $1) +
    (SELECT count(*) FROM store.accord WHERE load_id = $1) +
    (SELECT count(*) FROM store.accord_member WHERE load_id = $1) +
    (SELECT count(*) FROM store.accord_coding WHERE load_id = $1) +
    (SELECT count(*) FROM store.accord_coding_item WHERE load_id = $1) +
    (SELECT count(*) FROM store.accord_party WHERE load_id = $1) +
    (SELECT count(*) FROM store.accord_goal WHERE load_id = $1) +
    (SELECT count(*) FROM store.accord_status WHERE load_id = $1) +
    (SELECT count(*) FROM store.process_quarter WHERE load_id = $1) +
    (SELECT count(*) FROM store.process_budget WHERE load_id = $1) +
    (SELECT count(*) FROM store.project_intervention WHERE load_id = $1) +
    (SELECT count(*) FROM store.project_reach WHERE load_id = $1) +
    (SELECT count(*) FROM store.care_cost WHERE load_id = $1)
