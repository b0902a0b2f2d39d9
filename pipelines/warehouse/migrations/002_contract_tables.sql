-- The data contract's tables (DATA_CONTRACT.md v1), one row set per
-- snapshot. Counts that program_code_map can split (enrollments,
-- outcomes) are DOUBLE; other integers are BIGINT.
CREATE TABLE snap.regions (
    snapshot_id BIGINT NOT NULL, region_code VARCHAR NOT NULL, name VARCHAR NOT NULL,
    parent_code VARCHAR, level VARCHAR NOT NULL);
CREATE TABLE snap.industries (
    snapshot_id BIGINT NOT NULL, industry_code VARCHAR NOT NULL, name VARCHAR NOT NULL,
    sector BIGINT NOT NULL, parent_code VARCHAR);
CREATE TABLE snap.industry_map (
    snapshot_id BIGINT NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    industry_code VARCHAR NOT NULL, employment DOUBLE NOT NULL, value_added DOUBLE);
CREATE TABLE snap.industry_priorities (
    snapshot_id BIGINT NOT NULL, region_code VARCHAR NOT NULL, industry_code VARCHAR NOT NULL,
    tier VARCHAR NOT NULL, target_growth DOUBLE, source VARCHAR);
CREATE TABLE snap.programs (
    snapshot_id BIGINT NOT NULL, program_code VARCHAR NOT NULL, name VARCHAR NOT NULL,
    level VARCHAR NOT NULL, category_code VARCHAR NOT NULL, category_name VARCHAR NOT NULL,
    duration_years BIGINT NOT NULL);
CREATE TABLE snap.program_industry (
    snapshot_id BIGINT NOT NULL, program_code VARCHAR NOT NULL, industry_code VARCHAR NOT NULL,
    weight DOUBLE NOT NULL);
CREATE TABLE snap.schools (
    snapshot_id BIGINT NOT NULL, school_code VARCHAR NOT NULL, name VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL, type VARCHAR NOT NULL, ownership VARCHAR NOT NULL, capacity BIGINT);
CREATE TABLE snap.enrollments (
    snapshot_id BIGINT NOT NULL, year BIGINT NOT NULL, school_code VARCHAR NOT NULL,
    program_code VARCHAR NOT NULL, intake DOUBLE NOT NULL, enrolled_total DOUBLE NOT NULL,
    graduates DOUBLE, planned_intake DOUBLE);
CREATE TABLE snap.outcomes (
    snapshot_id BIGINT NOT NULL, grad_year BIGINT NOT NULL, school_code VARCHAR NOT NULL,
    program_code VARCHAR NOT NULL, graduates DOUBLE NOT NULL, employed DOUBLE NOT NULL,
    further_study DOUBLE NOT NULL, matched DOUBLE, avg_monthly_salary DOUBLE,
    employed_in_province DOUBLE);
CREATE TABLE snap.job_postings (
    snapshot_id BIGINT NOT NULL, month VARCHAR NOT NULL, region_code VARCHAR NOT NULL,
    industry_code VARCHAR NOT NULL, postings BIGINT NOT NULL, job_seekers BIGINT);
CREATE TABLE snap.education_totals (
    snapshot_id BIGINT NOT NULL, year BIGINT NOT NULL, region_code VARCHAR NOT NULL,
    general_upper_secondary_intake BIGINT NOT NULL);
CREATE TABLE snap.program_code_map (
    snapshot_id BIGINT NOT NULL, old_code VARCHAR NOT NULL, new_code VARCHAR NOT NULL,
    weight DOUBLE NOT NULL);
CREATE TABLE snap.program_lists (
    snapshot_id BIGINT NOT NULL, region_code VARCHAR NOT NULL, program_code VARCHAR NOT NULL,
    list VARCHAR NOT NULL, source VARCHAR);
CREATE TABLE snap.overrides (
    snapshot_id BIGINT NOT NULL, scope VARCHAR NOT NULL, region_code VARCHAR NOT NULL,
    school_code VARCHAR, program_code VARCHAR NOT NULL, signal VARCHAR NOT NULL,
    reason VARCHAR NOT NULL, decided_by VARCHAR NOT NULL, decided_on DATE NOT NULL);

CREATE VIEW meta.current_snapshot AS
    SELECT snapshot_id FROM meta.snapshots WHERE is_current;

CREATE VIEW main.regions AS SELECT region_code, name, parent_code, level
    FROM snap.regions WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.industries AS SELECT industry_code, name, sector, parent_code
    FROM snap.industries WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.industry_map AS SELECT year, region_code, industry_code, employment, value_added
    FROM snap.industry_map WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.industry_priorities AS SELECT region_code, industry_code, tier, target_growth, source
    FROM snap.industry_priorities WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.programs AS SELECT program_code, name, level, category_code, category_name, duration_years
    FROM snap.programs WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.program_industry AS SELECT program_code, industry_code, weight
    FROM snap.program_industry WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.schools AS SELECT school_code, name, region_code, type, ownership, capacity
    FROM snap.schools WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.enrollments AS SELECT year, school_code, program_code, intake, enrolled_total, graduates, planned_intake
    FROM snap.enrollments WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.outcomes AS SELECT grad_year, school_code, program_code, graduates, employed, further_study, matched, avg_monthly_salary, employed_in_province
    FROM snap.outcomes WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.job_postings AS SELECT month, region_code, industry_code, postings, job_seekers
    FROM snap.job_postings WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.education_totals AS SELECT year, region_code, general_upper_secondary_intake
    FROM snap.education_totals WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.program_code_map AS SELECT old_code, new_code, weight
    FROM snap.program_code_map WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.program_lists AS SELECT region_code, program_code, list, source
    FROM snap.program_lists WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
CREATE VIEW main.overrides AS SELECT scope, region_code, school_code, program_code, signal, reason, decided_by, decided_on
    FROM snap.overrides WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
