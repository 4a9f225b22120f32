-- The Triple Aim panel of every accord in a round. Parameter: the round.
SELECT accord_id, dimension, indicator, label_nl, unit, period, value, status, nl_value,
       coalesce(verdict_nl, ''), coalesce(proxy, false)
FROM triple_aim
WHERE round = ?::DATE
ORDER BY accord_id, dimension, indicator, period
