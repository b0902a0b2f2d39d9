-- The industry-structure analysis of each run (analytics/structure),
-- tagged like every result with the run and its period.

-- Employment and value added by region, year and industry (as the map
-- gives it), with their shares of the region's total.
CREATE TABLE results.industry_structure (
    run_id VARCHAR NOT NULL, period VARCHAR NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    industry_code VARCHAR NOT NULL, employment DOUBLE, value_added DOUBLE, employment_share DOUBLE, value_added_share DOUBLE
);

-- The three sectors' employment, value added and shares.
CREATE TABLE results.sector_shares (
    run_id VARCHAR NOT NULL, period VARCHAR NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    sector VARCHAR NOT NULL, employment DOUBLE, value_added DOUBLE, employment_share DOUBLE, value_added_share DOUBLE
);

-- Structural deviation D = (Y_i/Y)/(L_i/L) − 1 by sector; sector 'total'
-- holds Σ|D_i| and 'theil' the Theil index.
CREATE TABLE results.structural_deviation (
    run_id VARCHAR NOT NULL, period VARCHAR NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    sector VARCHAR NOT NULL, deviation DOUBLE
);

-- Location quotients of every city and industry of the map, on
-- employment, against its province.
CREATE TABLE results.location_quotients (
    run_id VARCHAR NOT NULL, period VARCHAR NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    industry_code VARCHAR NOT NULL, lq DOUBLE
);

-- Shift-share decomposition of each city's employment change by industry
-- against its province, over spans ending at the base year.
CREATE TABLE results.shift_share (
    run_id VARCHAR NOT NULL, period VARCHAR NOT NULL, region_code VARCHAR NOT NULL, industry_code VARCHAR NOT NULL,
    base_year BIGINT NOT NULL, end_year BIGINT NOT NULL,
    change DOUBLE, growth DOUBLE, mix DOUBLE, competitive DOUBLE
);

-- Indices by region and year: hhi_employment, hhi_value_added (over
-- industries), moore_employment (angle in degrees against the year
-- before, over industries).
CREATE TABLE results.structure_index (
    run_id VARCHAR NOT NULL, period VARCHAR NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    measure VARCHAR NOT NULL, value DOUBLE
);

-- Forecast sector shares of employment to the horizon (the plan years
-- 2025, 2030, 2035 among them).
CREATE TABLE results.sector_share_forecast (
    run_id VARCHAR NOT NULL, period VARCHAR NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    sector VARCHAR NOT NULL, measure VARCHAR NOT NULL, share DOUBLE
);
