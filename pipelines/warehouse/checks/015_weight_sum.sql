-- weight_sum: a program's crosswalk weights add up to more than 0.01 away
-- from 1.
SELECT min(_row), program_code, round(sum({{num "weight"}}), 6) AS w
FROM {{rel "program_industry"}}
GROUP BY program_code
HAVING abs(sum({{num "weight"}}) - 1) > 0.01 + 1e-9
