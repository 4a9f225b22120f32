-- Load test: one observation by its key. The load test puts the key's
-- values in place of {region}, {indicator}, {period} and {age_group}
-- (the client sends plain SQL text, as an analyst's tool does).
SELECT value, ci_lower, ci_upper
FROM observations
WHERE source = '50090NED' AND region_code = '{region}' AND indicator = '{indicator}'
  AND period = {period} AND age_group = '{age_group}'
