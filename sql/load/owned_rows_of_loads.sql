-- The warehouse rows that came with each of several loads, over every table
-- a load fills, in one pass over the tables (a query per load would read
-- them once per load). Parameter: the load ids (a list).
-- Output: load_id, owned (rows); a load that owns no rows is left out.
SELECT load_id, count(*) AS owned
FROM (
    SELECT load_id FROM store.observation
    UNION ALL SELECT load_id FROM store.region
    UNION ALL SELECT load_id FROM store.accord
    UNION ALL SELECT load_id FROM store.accord_member
    UNION ALL SELECT load_id FROM store.accord_coding
    UNION ALL SELECT load_id FROM store.accord_coding_item
    UNION ALL SELECT load_id FROM store.accord_party
    UNION ALL SELECT load_id FROM store.accord_goal
    UNION ALL SELECT load_id FROM store.accord_status
    UNION ALL SELECT load_id FROM store.process_quarter
    UNION ALL SELECT load_id FROM store.process_budget
    UNION ALL SELECT load_id FROM store.project_intervention
    UNION ALL SELECT load_id FROM store.project_reach
    UNION ALL SELECT load_id FROM store.care_cost
)
WHERE list_contains(?::BIGINT[], load_id)
GROUP BY load_id
