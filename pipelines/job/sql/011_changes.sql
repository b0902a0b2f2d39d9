-- What changed between two runs ($1 after, $2 before): every row whose
-- published signal appeared, disappeared or changed, that appeared or
-- went, or whose score moved by at least $3 or ratio by at least the
-- share $4 of its earlier value ($3 or $4 = 0: any move, however small; a
-- score or ratio that did not move is no move).
WITH a AS (
    SELECT p.scope, p.region_code, p.school_code, p.program_code, p.score, p.ratio, coalesce(w.signal, '') AS signal
    FROM results.programs p
    LEFT JOIN results.warnings w ON w.run_id = p.run_id AND w.scope = p.scope AND w.region_code = p.region_code
        AND w.school_code = p.school_code AND w.program_code = p.program_code
    WHERE p.run_id = $1
),
b AS (
    SELECT p.scope, p.region_code, p.school_code, p.program_code, p.score, p.ratio, coalesce(w.signal, '') AS signal
    FROM results.programs p
    LEFT JOIN results.warnings w ON w.run_id = p.run_id AND w.scope = p.scope AND w.region_code = p.region_code
        AND w.school_code = p.school_code AND w.program_code = p.program_code
    WHERE p.run_id = $2
),
j AS (
    SELECT scope, region_code, school_code, program_code,
           b.signal AS before_signal, a.signal AS after_signal,
           b.score AS before_score, a.score AS after_score,
           b.ratio AS before_ratio, a.ratio AS after_ratio,
           a.scope IS NULL AS gone, b.scope IS NULL AS added
    FROM a FULL JOIN b USING (scope, region_code, school_code, program_code)
),
c AS (
    SELECT *, concat_ws(';',
        CASE WHEN added THEN 'new_row' END,
        CASE WHEN gone THEN 'row_gone' END,
        CASE WHEN NOT added AND NOT gone AND before_signal = '' AND after_signal <> '' THEN 'signal_appeared' END,
        CASE WHEN NOT added AND NOT gone AND before_signal <> '' AND after_signal = '' THEN 'signal_disappeared' END,
        CASE WHEN NOT added AND NOT gone AND before_signal <> '' AND after_signal <> '' AND before_signal <> after_signal THEN 'signal_changed' END,
        CASE WHEN abs(after_score - before_score) >= $3 AND after_score <> before_score THEN 'score_move' END,
        CASE WHEN abs(after_ratio - before_ratio) >= $4 * abs(before_ratio) AND before_ratio IS NOT NULL
                  AND after_ratio IS NOT NULL AND after_ratio <> before_ratio THEN 'ratio_move' END
    ) AS change
    FROM j
)
SELECT c.scope, c.region_code, c.school_code, c.program_code, coalesce(p.name, '') AS program_name,
       coalesce(c.before_signal, '') AS before_signal, coalesce(c.after_signal, '') AS after_signal,
       c.before_score, c.after_score, c.before_ratio, c.after_ratio, c.change
FROM c LEFT JOIN programs p USING (program_code)
WHERE c.change <> '' AND (c.added OR c.gone OR c.before_signal <> c.after_signal OR c.change <> '')
ORDER BY CASE c.scope WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, c.region_code, c.school_code, c.program_code
