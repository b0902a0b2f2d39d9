-- The TOPSIS decomposition of each program's score (docs/models.md §4),
-- instead of the additive "contribution", which did not add up to the
-- score: per indicator its vector-normalised value, its weighted value
-- and its squared distances to the ideal and the anti-ideal point. A
-- row's sq_ideal add up to D+², its sq_anti_ideal to D−², and the score is
-- D−/(D+ + D−). Runs before this migration have NULL there.
ALTER TABLE results.contributions DROP COLUMN contribution;
ALTER TABLE results.contributions ADD COLUMN normalized DOUBLE;
ALTER TABLE results.contributions ADD COLUMN weighted DOUBLE;
ALTER TABLE results.contributions ADD COLUMN sq_ideal DOUBLE;
ALTER TABLE results.contributions ADD COLUMN sq_anti_ideal DOUBLE;

-- The plan's target growth beside the run's forecast, for every
-- employment series (province or city) to which industry_priorities gives
-- a target (a city's own, else its province's; a section's covers its
-- divisions): the base year's employment, the forecast's mean growth a
-- year and the target, and the employment at the horizon on the forecast
-- and at the target (base_employment · (1 + target_growth)^years). In a
-- baseline run the forecast is the trend; in the scenario plan_targets it
-- is the target itself.
CREATE TABLE results.industry_targets (
    run_id            VARCHAR NOT NULL,
    region_code       VARCHAR NOT NULL,
    industry_code     VARCHAR NOT NULL,
    tier              VARCHAR NOT NULL,
    base_employment   DOUBLE,
    growth            DOUBLE,
    target_growth     DOUBLE,
    employment        DOUBLE,
    target_employment DOUBLE
);
