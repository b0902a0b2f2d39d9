// Package scenario applies a planner's scenario (情景) to the baseline
// forecasts of a run: shocks to the growth of an industry's employment in
// a city or a province, the plan's target growth in place of the trend,
// and seats added to or taken from a program's
// yearly intake (DESIGN.md "Scenarios"; the file format is in
// docs/scenarios.md). It is pure Go over []float64 and plain structs and
// imports only the standard library and analytics/internal/numeric; it
// changes forecasts, it does not make them.
//
// # Shocks
//
// A shock adds g to the annual growth rate of an industry's employment in
// a region for the years From..To. Shocks that hold in the same year add
// their growth, and the forecast of year y is multiplied by the product
// over the shocked years k up to y,
//
//	F(y) = Π_{k ≤ y} max(1 + Σ_{s active in k} g_s, 0)
//
// (Factor), so +20 %/yr for two years takes a flat forecast of 100 to
// 100 · 1.2 · 1.2 = 144 in the second year and every later one. A shock of
// −100 % or worse leaves no jobs.
//
// Shocks apply where the data exist (Apply), and the province stays
// coherent with its cities:
//
//   - a city's series is multiplied by the factor of the shocks that name
//     the city or its province;
//   - where the industry has city series, the province's series moves by
//     the cities' change in jobs, year by year, so a province that is the
//     sum of its cities still is (a province-wide shock on 300 = 100 + 200
//     jobs, +10 % for a year, gives 110 + 220 = 330);
//   - where it has none (an industry the province reports and its cities
//     do not, which the data contract allows), the province's own series is
//     multiplied by the factor of the shocks that name the province.
//
// A shock naming a city that has no series of the industry applies
// nowhere: the city's part of the province's employment is unknown. Apply
// reports which shocks matched a series, so the caller can say so.
// Prediction bounds and Monte Carlo draws move in proportion to the mean.
//
// # Plan targets
//
// The plan's target growth of an industry (industry_priorities'
// target_growth: 0.15 is 15 % a year) replaces the trend where the plan
// gives one (ApplyTargets): a series grows from its last observed value
// at the target, E(base + k) = last · (1 + g)^k (TargetPath), so 100 at
// 15 % is 115, then 132.25. A city takes its own target, else its
// province's (TargetFor; a section's target covers its divisions); the
// province then moves by its cities' change in jobs, as with shocks, and
// a province-only industry takes the province's target. Industries the
// plan gives no target keep their trend. Bounds and draws move in
// proportion to the mean.
//
// # Intake
//
// An intake change adds seats to a program's yearly intake in a city from
// a year on; a change for a province is shared among its cities in
// proportion to their latest intake of the program (equally if none has
// any). CitySeats splits the changes, AddIntake adds a city's seats to its
// intake forecast, never below zero. The seats reach the labour market
// through the cohort model of analytics/supply: an intake added in year t
// graduates, at the program's completion rate, in year t + duration.
//
// # Errors
//
// Non-finite growth or seats are errors prefixed "scenario: "; no input
// makes a function panic.
package scenario
