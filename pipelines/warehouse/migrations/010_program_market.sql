-- The labour market each program row is judged in (docs/models.md,
-- "Labour markets"): city, province or flows, and for a city or school
-- row judged in the province's market its share of the province's supply
-- (NULL otherwise). `vocmap explain` prints both.
ALTER TABLE results.programs ADD COLUMN market VARCHAR;
ALTER TABLE results.programs ADD COLUMN market_share DOUBLE;
