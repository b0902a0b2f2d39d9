-- A scenario against its baseline ($1 baseline run, $2 scenario run):
-- every row whose published signal, score or ratio differs, with the
-- scenario's probability of oversupply and, with draws, of each signal.
WITH b AS (
    SELECT p.scope, p.region_code, p.school_code, p.program_code, p.score, p.ratio, coalesce(w.signal, '') AS signal
    FROM results.programs p
    LEFT JOIN results.warnings w ON w.run_id = p.run_id AND w.scope = p.scope AND w.region_code = p.region_code
        AND w.school_code = p.school_code AND w.program_code = p.program_code
    WHERE p.run_id = $1
),
s AS (
    SELECT p.scope, p.region_code, p.school_code, p.program_code, p.score, p.ratio, coalesce(w.signal, '') AS signal,
           p.prob_oversupply, p.prob_red, p.prob_yellow, p.prob_green
    FROM results.programs p
    LEFT JOIN results.warnings w ON w.run_id = p.run_id AND w.scope = p.scope AND w.region_code = p.region_code
        AND w.school_code = p.school_code AND w.program_code = p.program_code
    WHERE p.run_id = $2
)
SELECT scope, region_code, school_code, program_code, coalesce(g.name, '') AS program_name,
       coalesce(b.signal, '') AS baseline_signal, coalesce(s.signal, '') AS scenario_signal,
       b.score AS baseline_score, s.score AS scenario_score, b.ratio AS baseline_ratio, s.ratio AS scenario_ratio,
       s.prob_oversupply AS probability_oversupplied, s.prob_red AS probability_red, s.prob_yellow AS probability_yellow,
       s.prob_green AS probability_green
FROM b FULL JOIN s USING (scope, region_code, school_code, program_code)
LEFT JOIN programs g USING (program_code)
WHERE b.signal IS DISTINCT FROM s.signal
   OR abs(coalesce(b.score, -1) - coalesce(s.score, -1)) > 1e-9
   OR (b.ratio IS DISTINCT FROM s.ratio AND NOT (abs(b.ratio - s.ratio) <= 1e-9 * greatest(1, abs(b.ratio))))
ORDER BY CASE scope WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, region_code, school_code, program_code
