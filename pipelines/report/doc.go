// Package report renders the reports a period's run feeds: the
// industry-structure report (产业结构动态调整报告), the talent-demand
// forecast report (行业人才就业状况和需求预测报告) and the policy-targets
// page (POLICY.md items 三, 四, 五 and what cannot be measured yet). Each is
// written three ways: self-contained HTML with inline SVG charts (package
// chart; no script, no network at view time, A4 print styles), Markdown,
// and an XLSX workbook with every table behind the charts. Text is Chinese
// by default and English with Lang "en". A section whose optional input
// is missing says so in place, and the report still renders.
//
// Build reads the period's latest successful run from the warehouse
// (results.* and meta.runs) with the statements of sql/, one per file.
package report
