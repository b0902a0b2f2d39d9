-- For each level of regions that is not an allowed value (.Levels), the
-- rows of one table (.Table, its column .Column naming a region) whose
-- rules read that level (levelDependents).
SELECT r.level, count(*)
FROM {{rel .Table}} s JOIN {{rel "regions"}} r ON r.region_code = s.{{ident .Column}}
WHERE r.level NOT IN ({{.Levels}})
GROUP BY r.level
