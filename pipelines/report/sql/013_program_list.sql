-- The province-scope programs with a signal, and their reasons ($1 run, $2 language column chosen by the caller).
SELECT w.signal, w.program_code, w.program_name, w.level, w.supply_demand_ratio, w.placement_rate, w.score, w.reasons_text_zh, w.reasons_text_en
FROM results.warnings w WHERE w.run_id = $1 AND w.scope = 'province'
ORDER BY CASE w.signal WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, w.supply_demand_ratio DESC, w.program_code
