-- Results of the monthly run, every row tagged with the run that made it.
-- A run belongs to a period and reads one input snapshot.
CREATE SCHEMA IF NOT EXISTS results;

CREATE TABLE results.runs (
    run_id      VARCHAR PRIMARY KEY,
    period      VARCHAR NOT NULL,
    snapshot_id BIGINT NOT NULL,
    preset      VARCHAR NOT NULL,
    base_year   BIGINT NOT NULL,  -- the last year of the industry map
    horizon     BIGINT NOT NULL,  -- the last year forecast
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    options     VARCHAR NOT NULL  -- the run's options as JSON
);

-- Employment forecast and openings by region (city or province),
-- crosswalk industry and forecast year.
CREATE TABLE results.demand (
    run_id        VARCHAR NOT NULL,
    region_code   VARCHAR NOT NULL,
    industry_code VARCHAR NOT NULL,
    year          BIGINT NOT NULL,
    employment    DOUBLE,
    lo80          DOUBLE,
    hi80          DOUBLE,
    lo95          DOUBLE,
    hi95          DOUBLE,
    openings      DOUBLE,
    method        VARCHAR NOT NULL
);

-- Graduates and graduates entering work by region, program and year.
CREATE TABLE results.supply (
    run_id       VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    program_code VARCHAR NOT NULL,
    year         BIGINT NOT NULL,
    graduates    DOUBLE,
    entering     DOUBLE
);

-- Supply and openings for vocational graduates by region, industry and
-- level over the horizon.
CREATE TABLE results.match_industry (
    run_id        VARCHAR NOT NULL,
    region_code   VARCHAR NOT NULL,
    industry_code VARCHAR NOT NULL,
    level         VARCHAR NOT NULL,
    supply        DOUBLE,
    openings      DOUBLE,
    ratio         DOUBLE,
    band          VARCHAR
);

-- Every program at every scope: indicators, score, the computed signal.
CREATE TABLE results.programs (
    run_id           VARCHAR NOT NULL,
    scope            VARCHAR NOT NULL,
    region_code      VARCHAR NOT NULL,
    school_code      VARCHAR NOT NULL,
    program_code     VARCHAR NOT NULL,
    level            VARCHAR NOT NULL,
    supply           DOUBLE,
    openings         DOUBLE,
    ratio            DOUBLE,
    band             VARCHAR,
    prob_oversupply  DOUBLE,
    placement_rate   DOUBLE,
    employment_rate  DOUBLE,
    match_rate       DOUBLE,
    relative_salary  DOUBLE,
    intake_trend     DOUBLE,
    demand_growth    DOUBLE,
    plan_priority    DOUBLE,
    score            DOUBLE,
    signal           VARCHAR NOT NULL,
    reasons          VARCHAR NOT NULL
);

-- Each indicator's value, weight and contribution to a program's score.
CREATE TABLE results.contributions (
    run_id       VARCHAR NOT NULL,
    scope        VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    school_code  VARCHAR NOT NULL,
    program_code VARCHAR NOT NULL,
    indicator    VARCHAR NOT NULL,
    value        DOUBLE,
    weight       DOUBLE,
    contribution DOUBLE
);

-- The signal of every preset, for `vocmap rules compare`.
CREATE TABLE results.preset_signals (
    run_id       VARCHAR NOT NULL,
    preset       VARCHAR NOT NULL,
    scope        VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    school_code  VARCHAR NOT NULL,
    program_code VARCHAR NOT NULL,
    signal       VARCHAR NOT NULL,
    reasons      VARCHAR NOT NULL
);

-- The published warning list (DATA_CONTRACT.md "Outputs"), overrides
-- applied: computed_signal keeps the rules' signal.
CREATE TABLE results.warnings (
    run_id              VARCHAR NOT NULL,
    period              VARCHAR NOT NULL,
    scope               VARCHAR NOT NULL,
    region_code         VARCHAR NOT NULL,
    school_code         VARCHAR NOT NULL,
    program_code        VARCHAR NOT NULL,
    program_name        VARCHAR NOT NULL,
    level               VARCHAR NOT NULL,
    signal              VARCHAR NOT NULL,
    recommendation      VARCHAR NOT NULL,
    supply_demand_ratio DOUBLE,
    placement_rate      DOUBLE,
    score               DOUBLE,
    reasons             VARCHAR NOT NULL,
    reasons_text_zh     VARCHAR NOT NULL,
    reasons_text_en     VARCHAR NOT NULL,
    computed_signal     VARCHAR NOT NULL,
    override_reason     VARCHAR NOT NULL,
    city_code           VARCHAR NOT NULL  -- the row's city ('' at province scope), for --region filters
);

-- Implausible outcome figures: shown to planners, never signals.
CREATE TABLE results.data_quality (
    run_id       VARCHAR NOT NULL,
    school_code  VARCHAR NOT NULL,
    program_code VARCHAR NOT NULL,
    grad_year    BIGINT NOT NULL,
    check_code   VARCHAR NOT NULL,
    detail       VARCHAR NOT NULL
);
