-- The first and last years of the industry map (of the run's snapshot:
-- its views are in place on the connection).
SELECT min(year) AS first, max(year) AS last FROM industry_map
