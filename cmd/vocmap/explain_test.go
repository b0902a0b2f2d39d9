package main

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestExplainDecomposition reads explain's printed TOPSIS decomposition
// of 新能源汽车工程技术 (260702) on the demo and redoes its arithmetic from
// the screen: the squared distances add up to the printed D⁺² and D⁻²
// (each printed to 6 decimals, so the sum of 8 is within 8 × 5e-7), D⁺
// and D⁻ are their square roots, and D⁻/(D⁺ + D⁻) from the printed D⁺
// and D⁻ (6 decimals) is the printed closeness and the printed score to
// their 3 decimals. It also checks the plan's targets for the program's
// industry C36 (15 % a year in the province) and the priority rule.
func TestExplainDecomposition(t *testing.T) {
	wh := demoWarehouse(t)
	num := `(-?[0-9]+\.[0-9]+)`
	for _, lang := range []string{"zh", "en"} {
		code, stdout, stderr := run(t, "--warehouse", wh, "--lang", lang, "explain", "--period", "2025-12", "--program", "260702")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", lang, code, stderr)
		}
		find := func(re string) []float64 {
			t.Helper()
			m := regexp.MustCompile(re).FindStringSubmatch(stdout)
			if m == nil {
				t.Fatalf("%s: no %q in\n%s", lang, re, stdout)
			}
			var out []float64
			for _, s := range m[1:] {
				x, err := strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, x)
			}
			return out
		}
		dp := find(`D⁺ = √Σ\(v−v⁺\)² = √` + num + ` = ` + num)
		dm := find(`D⁻ = √Σ\(v−v⁻\)² = √` + num + ` = ` + num)
		c := find(`= ` + num + `/\(` + num + ` \+ ` + num + `\) = ` + num)
		score := find(`(?:综合得分|score)[^\n]*?[：:] ?` + num)
		// The indicator rows: value, weight, normalised, weighted, then the
		// two squared distances with their shares.
		rows := regexp.MustCompile(`(?m)^  \S.*? `+num+` \(([0-9.]+)%\) +`+num+` \(([0-9.]+)%\)$`).FindAllStringSubmatch(stdout, -1)
		if len(rows) != 8 {
			t.Fatalf("%s: %d indicator rows, want 8:\n%s", lang, len(rows), stdout)
		}
		var sp, sm, shp, shm float64
		for _, r := range rows {
			a, _ := strconv.ParseFloat(r[1], 64)
			b, _ := strconv.ParseFloat(r[2], 64)
			x, _ := strconv.ParseFloat(r[3], 64)
			y, _ := strconv.ParseFloat(r[4], 64)
			sp, shp, sm, shm = sp+a, shp+b, sm+x, shm+y
		}
		if math.Abs(sp-dp[0]) > 8*5e-7 || math.Abs(sm-dm[0]) > 8*5e-7 {
			t.Errorf("%s: squared distances add up to %.6f and %.6f, printed D⁺² %.6f and D⁻² %.6f", lang, sp, sm, dp[0], dm[0])
		}
		// Shares printed to 0.1 %: 8 of them add up to 100 % within 0.4.
		if math.Abs(shp-100) > 0.45 || math.Abs(shm-100) > 0.45 {
			t.Errorf("%s: shares add up to %.1f %% and %.1f %%", lang, shp, shm)
		}
		// √ of a square printed to 6 decimals (error ≤ 5e-7) moves by at
		// most 5e-7 / (2·D) + the 5e-7 of printing D.
		for _, d := range [][]float64{dp, dm} {
			if math.Abs(math.Sqrt(d[0])-d[1]) > 5e-7/(2*d[1])+5e-7 {
				t.Errorf("%s: √%.6f printed as %.6f", lang, d[0], d[1])
			}
		}
		if c[0] != dm[1] || c[1] != dp[1] || c[2] != dm[1] {
			t.Errorf("%s: closeness line %v does not use the printed D⁺ %v and D⁻ %v", lang, c, dp[1], dm[1])
		}
		// C from D± printed to 6 decimals moves by at most 1e-6/(D⁺ + D⁻);
		// printing C to 3 decimals adds 5e-4.
		want := dm[1] / (dp[1] + dm[1])
		if math.Abs(want-c[3]) > 5e-4+1e-6/(dp[1]+dm[1]) || math.Abs(score[0]-c[3]) > 1e-9 {
			t.Errorf("%s: D⁻/(D⁺ + D⁻) = %.6f, printed closeness %.3f, score %.3f", lang, want, c[3], score[0])
		}
		if !strings.Contains(stdout, "C36") || !strings.Contains(stdout, "15.0%") || !strings.Contains(stdout, "priority_industry_trend_below_target") {
			t.Errorf("%s: no C36 at its 15.0%% target or no priority rule:\n%s", lang, stdout)
		}
	}
}

// TestPlanTargetsScenario runs the built-in scenario by name on the demo
// and checks a city with its own target: 晋中 (140700) C36 at 18 % a year
// from 2025 to 2035 ends at base × 1.18^10 = base × 5.233835 (by hand:
// 1.18² = 1.3924, ^4 = 1.93877776, ^8 = 3.75885919, × 1.3924 =
// 5.23383555), and its forecast in the scenario is that path.
func TestPlanTargetsScenario(t *testing.T) {
	wh := demoWarehouse(t)
	code, _, stderr := run(t, "--warehouse", wh, "--quiet", "scenario", "run", "plan_targets", "--period", "2025-12", "--out", filepath.Join(t.TempDir(), "pt"))
	if code != 0 {
		t.Fatalf("scenario run plan_targets: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := run(t, "--warehouse", wh, "sql", `SELECT t.base_employment, t.employment, t.target_employment, t.target_growth
		FROM results.industry_targets t JOIN meta.runs r USING (run_id)
		WHERE r.scenario = 'plan_targets' AND r.status = 'succeeded' AND t.region_code = '140700' AND t.industry_code = 'C36'`, "--format", "csv")
	if code != 0 {
		t.Fatalf("sql: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one row:\n%s", stdout)
	}
	var v []float64
	for _, s := range strings.Split(lines[1], ",") {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q: %v", lines[1], err)
		}
		v = append(v, x)
	}
	base, emp, target, g := v[0], v[1], v[2], v[3]
	want := base * 5.23383555
	if g != 0.18 || math.Abs(emp-want) > 1e-6*want || math.Abs(target-want) > 1e-6*want {
		t.Errorf("晋中 C36: base %v, scenario %v, target %v at %v; want %v", base, emp, target, g, want)
	}
	if s, err := loadScenario("plan_targets"); err != nil || s.Name != "plan_targets" {
		t.Errorf("loadScenario(plan_targets) = %v, %v", s, err)
	}
	if _, err := loadScenario("no_such_scenario"); err == nil {
		t.Error("loadScenario(no_such_scenario): want an error")
	}
}
