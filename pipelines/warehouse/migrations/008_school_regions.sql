-- Every school with its city and province, one row a school: a school in
-- a county counts in the county's city (the contract puts schools in a
-- city or a county, and a county's parent is its city); a city's province
-- is its parent. The one definition of this mapping: the marts
-- (pipelines/job/sql) read it instead of each writing it out.
--
-- It follows the snapshot a query reads. The view names the contract's
-- tables unqualified, and DuckDB binds a view's names each time it is
-- queried, on the connection that queries it, temporary objects first: a
-- run shadows the contract's names with temporary views of its snapshot
-- (pipelines/job, snapshotViews), so the view reads that snapshot there;
-- any other connection (vocmap sql, the reports) reads the current one
-- through main.schools and main.regions. A plain view is enough; a table
-- macro with the snapshot as a parameter would repeat the snapshot's
-- choice that the temporary views already make. TestSchoolRegionsFollow
-- (pipelines/job) holds DuckDB to this.
CREATE VIEW main.school_regions AS
SELECT s.school_code,
       c.region_code AS city_code,
       c.parent_code AS province_code
FROM schools s
JOIN regions r ON r.region_code = s.region_code
JOIN regions c ON c.region_code = CASE r.level WHEN 'city' THEN r.region_code ELSE r.parent_code END;
