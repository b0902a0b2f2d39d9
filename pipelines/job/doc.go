// Package job is the monthly run (`vocmap run`): it reads the warehouse's
// current snapshot through the SQL marts in sql/ (one statement per file),
// forecasts demand (analytics/demand) and supply (analytics/supply),
// matches them by level (analytics/match), scores every program at
// province, city and school scope (analytics/score), applies every rule
// preset (analytics/rules) and the planners' overrides, and stores all
// results in the warehouse's results schema in one transaction, tagged
// with a run id, the period and the snapshot. Warnings, Explain and
// Compare read a period's latest run back. docs/models.md describes the
// models and their assumptions.
package job
