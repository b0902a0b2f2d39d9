// Package synth generates seeded synthetic datasets that follow vocmap's
// input data contract (docs: DATA_CONTRACT.md), for tests, demos, and
// stress and performance runs of the engine.
//
// # Usage
//
//	sum, err := synth.Generate(ctx, synth.Options{
//		Out:   "/tmp/synth",
//		Scale: synth.ScaleNational,
//		Seed:  1,
//	})
//
// Generate writes one UTF-8 CSV file per table (no BOM, a header row of the
// contract's English column names, comma-separated, `\n` line ends, NULL
// as an empty cell): regions, industries, industry_map,
// industry_priorities, programs, program_industry, schools, enrollments,
// outcomes, job_postings, education_totals and program_lists. The optional
// tables program_code_map and overrides are not generated.
//
// # Determinism
//
// Every random draw comes from a math/rand/v2 PCG generator seeded with
// Options.Seed and a stream derived from the table and entity (a city, a
// school), so the same Options always give byte-identical files, and
// changing Factor leaves the tables that do not depend on it unchanged.
// Rows are streamed through buffered writers: memory stays flat (about
// 100 MB at national scale) whatever the Factor.
//
// # What is real and what is not
//
//   - Province codes and names are the real GB/T 2260 ones. Cities are
//     synthetic: code = the province's first two digits, a 2-digit number
//     and "00" (140100, 140200, ...), named like 山西合成三市.
//   - Industries are the real 20 sections and 97 divisions of GB/T
//     4754-2017 with their official names; sector follows the NBS 三次产业
//     划分规定 (2018), which puts divisions 05, 11 and 43 in the tertiary
//     sector. In industry_map each city writes, for each section, either
//     the section row or all its division rows, never both (section T is
//     left out). Employment follows a city × division × year model
//     whose growth reflects the province's tiers; value_added is
//     employment times a sectoral productivity (亿元).
//   - Programs are shaped like the 2021 vocational catalogue: the 19
//     categories (专业大类) with codes 21–39 for vocational bachelor,
//     41–59 for higher vocational and 61–79 for secondary vocational, and
//     6-digit codes category + class + number. Names are readable but
//     synthetic (智能制造技术2). Each program maps to 1–3 divisions with
//     weights such as 0.5/0.3/0.2 that sum to exactly 1.
//   - Schools (10-digit synthetic codes: type digit + city code's first 4
//     digits + 5-digit number) are secondary, technician, higher or
//     bachelor; each teaches 12–50 programs of its level. Enrollments come
//     from a cohort model (intake with a trend per program and province,
//     yearly attrition, graduates = the intake of `duration` years before
//     that survived), so intake, enrolled_total and graduates agree.
//     Outcomes reuse those graduates; about 8% of programs place below
//     70%, and programs that place poorly are more often closed.
//   - job_postings are monthly (2019-01..2025-12) per city and division,
//     proportional to modelled employment with seasonality and a 2020
//     shock; program_lists put programs of declining industries or with
//     low placement on the control list and programs of strategic
//     industries on the encouraged list.
//   - A few optional cells are left empty on purpose (value_added,
//     planned_intake, matched, avg_monthly_salary, employed_in_province,
//     job_seekers, capacity, target_growth) so that readers meet NULLs.
//
// # Scales
//
// ScaleProvince (the default) writes one province, chosen by the seed
// among the 31 real ones, with 9–13 cities, about 450 schools, 300
// programs, years 2013–2025 and about 120,000 enrollment rows (about 12 MB).
//
// ScaleNational writes all 31 provinces with their cities, about 12,000
// schools and 400 programs: about 3.3 million enrollment rows, 2.7 million
// outcome rows and 2.8 million job_postings rows (about 310 MB, written in
// a few seconds). Options.Factor multiplies the number of schools, and so
// the rows of schools, enrollments and outcomes, for stress tests: Factor
// 20 at national scale writes several gigabytes.
//
// A province keeps at least one bachelor school at any Factor, so that a
// reduced province (Factor 0.1: about 45 schools) still has all three
// levels, and cities without a bachelor school.
//
// # Defects
//
// Options.Defects plants, at province scale, the gaps that real data
// drops have: an industry section given for the province only, one
// city's graduates missing for the latest years, missing months of job
// postings and a city whose postings stopped, a program with no intake
// for the latest years, a crosswalk industry the map lacks. A defect
// only blanks or leaves out rows (and adds the province rows of a
// province-only section; the program without intake is its school's
// last, so that its changed draws move no other row): every other row is
// byte-identical to the dataset without it. Summary.Planted names the
// cities, schools, programs and industries touched. pipelines/job's
// messy-data tests run the engine on them.
//
// # Multi-province extension of the contract
//
// Contract v1 requires exactly one `province` row in regions. A national
// dataset uses the multi-province extension instead: regions holds 31
// `province` rows (parent_code empty), each followed by its `city` rows
// (parent_code = their province). Every other rule of v1 holds unchanged
// in both scales, and a province-scale dataset is a valid v1 dataset.
// industry_priorities and program_lists rows are per province (and, for
// a few priorities, per city) in both scales.
package synth
