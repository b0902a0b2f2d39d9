-- old_weight_sum: an old code's shares (a missing weight counts 1) add up
-- to more than 0.01 away from 1.
SELECT min(_row), old_code, round(sum(coalesce({{num "weight"}}, 1)), 6)
FROM {{rel "program_code_map"}}
GROUP BY old_code
HAVING abs(sum(coalesce({{num "weight"}}, 1)) - 1) > 0.01 + 1e-9
