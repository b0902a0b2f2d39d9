-- Planners' decisions that stand over the rules (optional table).
SELECT scope, region_code, coalesce(school_code, '') AS school_code, program_code, signal, reason, decided_by,
       CAST(decided_on AS VARCHAR) AS decided_on
FROM overrides ORDER BY scope, region_code, school_code, program_code
