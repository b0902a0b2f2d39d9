package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestScenarioAndPlanCommands: a scenario file runs against the demo's
// baseline and its diff has the contract's columns; a bad file is a usage
// error naming file and line; the plan writes its columns.
func TestScenarioAndPlanCommands(t *testing.T) {
	wh := demoWarehouse(t)
	out := t.TempDir()
	file := filepath.Join("..", "..", "config", "scenarios", "nev_taiyuan.yaml")
	code, stdout, stderr := run(t, "--warehouse", wh, "--quiet", "scenario", "run", file, "--period", "2025-12", "--out", out)
	if code != 0 || !strings.Contains(stdout, "nev_taiyuan") {
		t.Fatalf("scenario run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "2025-12", "reports", "talent_demand.html")); err != nil {
		t.Errorf("the scenario's report: %v", err)
	}
	code, stdout, stderr = run(t, "--warehouse", wh, "scenario", "diff", "--period", "2025-12", "--scenario", "nev_taiyuan", "--format", "csv")
	if code != 0 {
		t.Fatalf("diff: exit %d %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	want := "scope,region_code,school_code,program_code,program_name,baseline_signal,scenario_signal,baseline_score,scenario_score,baseline_ratio,scenario_ratio,probability_oversupplied,probability_red,probability_yellow,probability_green"
	if err != nil || len(recs) < 2 || strings.Join(recs[0], ",") != want {
		t.Fatalf("diff header %v (%d rows, %v)", recs[0], len(recs), err)
	}
	// Programs of the shocked industries move; the NEV bachelor program's
	// ratio falls in Taiyuan.
	found := false
	for _, r := range recs[1:] {
		if r[0] == "city" && r[1] == "140100" && r[3] == "260702" {
			before, _ := strconv.ParseFloat(r[9], 64)
			after, _ := strconv.ParseFloat(r[10], 64)
			found = after < before
		}
	}
	if !found {
		t.Error("260702 in Taiyuan: the ratio should fall when C36/C38 grow faster")
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nshocks:\n  - industry: C36\n    region: \"140100\"\n    growth: -2\n    from: 2026\n    to: 2030\n"), 0o644)
	code, _, stderr = run(t, "--warehouse", wh, "scenario", "run", bad, "--period", "2025-12")
	if code != exitUsage || !strings.Contains(stderr, "bad.yaml:5") {
		t.Errorf("bad scenario: exit %d, stderr %q", code, stderr)
	}

	plan := filepath.Join(t.TempDir(), "plan.csv")
	code, stdout, stderr = run(t, "--warehouse", wh, "plan", "--period", "2025-12", "--out", plan)
	if code != 0 || !strings.Contains(stdout, "2026") {
		t.Fatalf("plan: exit %d %s %s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(plan)
	if !strings.HasPrefix(string(b), "\ufeffprogram_code,program_name,region_code,level,current_intake,proposed_intake,change,reason\n") {
		t.Errorf("plan header %q", string(b)[:min(len(b), 120)])
	}
	if code, _, _ := run(t, "--warehouse", wh, "plan", "--period", "2025-12", "--out", "x.txt"); code != exitUsage {
		t.Errorf("plan to .txt: exit %d", code)
	}
}
