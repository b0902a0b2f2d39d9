-- outcome_sum: employed and further study add up to more than graduates.
SELECT _row, employed, further_study, graduates
FROM {{rel "outcomes"}}
WHERE {{num "employed"}} + {{num "further_study"}} > {{num "graduates"}}
