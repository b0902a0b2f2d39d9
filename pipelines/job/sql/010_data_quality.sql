-- Implausible outcome figures (shown to planners, never signals):
-- placement near 100% with a low match rate, a placement rate that jumps
-- by 20 points or more between consecutive years, identical placement
-- rates across all (three or more) programs of a school in a year, and
-- more employed in the province than employed.
WITH o AS (
    SELECT grad_year, school_code, program_code,
           (employed + further_study) / nullif(CAST(graduates AS DOUBLE), 0) AS placement,
           matched / nullif(CAST(employed AS DOUBLE), 0) AS match_rate,
           employed, employed_in_province
    FROM outcomes
),
j AS (
    SELECT *, lag(placement) OVER (PARTITION BY school_code, program_code ORDER BY grad_year) AS prev,
              lag(grad_year) OVER (PARTITION BY school_code, program_code ORDER BY grad_year) AS prev_year
    FROM o
),
same AS (
    SELECT school_code, grad_year, min(placement) AS placement, count(*) AS programs
    FROM o WHERE placement IS NOT NULL
    GROUP BY ALL
    HAVING count(*) >= 3 AND min(placement) = max(placement)
)
SELECT school_code, program_code, CAST(grad_year AS BIGINT) AS grad_year, 'placement_high_match_low' AS check_code,
       printf('placement=%.3f match=%.3f', placement, match_rate) AS detail
FROM o WHERE placement >= 0.98 AND match_rate < 0.30
UNION ALL
SELECT school_code, program_code, CAST(grad_year AS BIGINT), 'placement_jump',
       printf('%d: %.3f -> %d: %.3f', prev_year, prev, grad_year, placement)
FROM j WHERE prev_year = grad_year - 1 AND abs(placement - prev) >= 0.20
UNION ALL
SELECT school_code, '', CAST(grad_year AS BIGINT), 'identical_rates',
       printf('%d programs at placement=%.3f', programs, placement)
FROM same
UNION ALL
SELECT school_code, program_code, CAST(grad_year AS BIGINT), 'in_province_above_employed',
       printf('employed_in_province=%d employed=%d', employed_in_province, employed)
FROM o WHERE employed_in_province > employed
ORDER BY 1, 2, 3, 4
