-- weight_sum_warn (a warning): a program's crosswalk weights are off 1 by
-- 0.01 or less (the job rescales them).
SELECT min(_row), program_code, round(sum({{num "weight"}}), 6) AS w
FROM {{rel "program_industry"}}
GROUP BY program_code
HAVING abs(sum({{num "weight"}}) - 1) BETWEEN 1e-9 AND 0.01 + 1e-9
