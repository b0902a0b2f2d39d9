-- The plan's industry tiers (optional table: empty when absent).
SELECT region_code, industry_code, tier, target_growth FROM industry_priorities ORDER BY region_code, industry_code
