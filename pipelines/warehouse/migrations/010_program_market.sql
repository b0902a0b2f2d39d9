-- The labour market each program row is judged in (docs/models.md,
-- "Labour markets"): city, province or flows, and for a city or school
-- row judged in the province's market its share of the province's supply
-- (NULL otherwise). `vocmap explain` prints both.
ALTER TABLE results.programs ADD COLUMN market VARCHAR;
ALTER TABLE results.programs ADD COLUMN market_share DOUBLE;
-- The optional table graduate_destinations (contract v1.2): where a
-- school's graduates of a program work, by region of the province.
CREATE TABLE snap.graduate_destinations (
    snapshot_id BIGINT NOT NULL, year BIGINT NOT NULL, school_code VARCHAR NOT NULL,
    program_code VARCHAR NOT NULL, region_code VARCHAR NOT NULL, employed BIGINT NOT NULL);
CREATE VIEW main.graduate_destinations AS SELECT year, school_code, program_code, region_code, employed
    FROM snap.graduate_destinations WHERE snapshot_id = (SELECT snapshot_id FROM meta.current_snapshot);
