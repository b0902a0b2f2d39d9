-- Every entry of the run's warning list with the names of its city and
-- school ($1 run): the reports list each red entry at the scope where it
-- was raised and count the yellow and green ones by scope.
SELECT w.signal, w.scope, coalesce(w.city_code, w.region_code) AS city_code,
       coalesce(c.name, w.city_code, w.region_code) AS city_name, coalesce(w.school_code, '') AS school_code,
       coalesce(s.name, w.school_code, '') AS school_name, w.program_code, w.program_name, w.level,
       coalesce(w.recommendation, '') AS recommendation, w.supply_demand_ratio, w.placement_rate, w.score,
       coalesce(w.reasons_text_zh, '') AS reasons_text_zh, coalesce(w.reasons_text_en, '') AS reasons_text_en
FROM results.warnings w
LEFT JOIN regions c ON c.region_code = coalesce(w.city_code, w.region_code)
LEFT JOIN schools s ON s.school_code = w.school_code
WHERE w.run_id = $1
ORDER BY CASE w.signal WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END,
         CASE w.scope WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END,
         coalesce(w.city_code, w.region_code), w.school_code, w.supply_demand_ratio DESC NULLS LAST, w.program_code
