-- The province's control and encouraged lists (optional table).
SELECT region_code, program_code, list FROM program_lists ORDER BY region_code, program_code, list
