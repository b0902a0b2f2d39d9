//go:build duckdb_arrow

package report

import (
	"context"
	"database/sql"
	"math"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestOutcomesSQL: sql/021_outcomes.sql on two schools worked by hand —
// S1 in the city 140100, S2 in a county of it (its city is the parent);
// one row does not report matched (its match rate is over S1 alone).
func TestOutcomesSQL(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE regions (region_code VARCHAR, name VARCHAR, parent_code VARCHAR, level VARCHAR)`,
		`INSERT INTO regions VALUES ('140000', '山西省', NULL, 'province'), ('140100', '太原市', '140000', 'city'), ('140121', '清徐县', '140100', 'county')`,
		`CREATE TABLE schools (school_code VARCHAR, name VARCHAR, region_code VARCHAR)`,
		`INSERT INTO schools VALUES ('S1', '甲学院', '140100'), ('S2', '乙学校', '140121')`,
		`CREATE TABLE programs (program_code VARCHAR, name VARCHAR, level VARCHAR, category_code VARCHAR, category_name VARCHAR)`,
		`INSERT INTO programs VALUES ('P1', '软件技术', 'higher', '51', '电子与信息大类'), ('P2', '计算机应用', 'secondary', '71', '信息技术类')`,
		`CREATE TABLE outcomes (grad_year INTEGER, school_code VARCHAR, program_code VARCHAR, graduates INTEGER, employed INTEGER,
			further_study INTEGER, matched INTEGER, avg_monthly_salary DOUBLE, employed_in_province INTEGER)`,
		`INSERT INTO outcomes VALUES (2025, 'S1', 'P1', 100, 60, 20, 30, 5000, 45), (2025, 'S2', 'P2', 50, 20, 25, NULL, 4000, 18)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	rows, err := db.QueryContext(context.Background(), stmt("021_outcomes.sql"), "140000")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	nan := math.NaN()
	want := map[string][6]float64{
		// graduates, placement, further study, match, salary, in province
		// province: 150; (60+20+20+25)/150; (20+25)/150; 30/60 (S2 has no matched);
		// (5000·60 + 4000·20)/(60+20) = 380,000/80; (45+18)/80
		"province/140000": {150, 125.0 / 150, 45.0 / 150, 0.5, 4750, 63.0 / 80},
		"city/140100":     {150, 125.0 / 150, 45.0 / 150, 0.5, 4750, 63.0 / 80}, // S2's county belongs to 140100
		"level/higher":    {100, 0.8, 0.2, 0.5, 5000, 0.75},
		"level/secondary": {50, 0.9, 0.5, nan, 4000, 0.9}, // no row reports matched: no match rate
		"category/51":     {100, 0.8, 0.2, 0.5, 5000, 0.75},
		"category/71":     {50, 0.9, 0.5, nan, 4000, 0.9},
	}
	seen := 0
	for rows.Next() {
		var year int
		var dim, code, level, name string
		var v [6]sql.NullFloat64
		if err := rows.Scan(&year, &dim, &code, &level, &name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]); err != nil {
			t.Fatal(err)
		}
		w, ok := want[dim+"/"+code]
		if !ok {
			t.Errorf("unexpected row %s/%s", dim, code)
			continue
		}
		seen++
		for i := range w {
			got := nan
			if v[i].Valid {
				got = v[i].Float64
			}
			if math.IsNaN(w[i]) != math.IsNaN(got) || math.Abs(got-w[i]) > 1e-9 {
				t.Errorf("%s/%s column %d = %v, want %v", dim, code, i, got, w[i])
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d rows, want %d", seen, len(want))
	}
}
