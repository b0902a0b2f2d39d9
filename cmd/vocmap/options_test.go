package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/viper"

	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/config"
)

// loadApp loads body as vocmap.yaml, with Load's own checks, into an app.
func loadApp(t *testing.T, body string) *app {
	t.Helper()
	file := filepath.Join(t.TempDir(), "vocmap.yaml")
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(viper.New(), config.LoadOptions{File: file, Check: checkConfig,
		LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatal(err)
	}
	return &app{cfg: cfg, lang: "zh"}
}

// TestZeroReachesOptions: a config that sets the plan's numbers, the
// moves of changes.csv and the score weights to 0 hands 0 to the plan and
// the run, not the defaults they used to put in its place (±5 %, ±30 %,
// 0.1, 0.15, 10, 0.1, 0.25); score.weighting chooses the weights.
func TestZeroReachesOptions(t *testing.T) {
	a := loadApp(t, `plan: {total_change: 0, cell_change: 0, change_penalty: 0, bachelor_share: 0, bachelor_penalty: 0}
run: {score_move: 0, ratio_move: 0}
score:
  weighting: config
  weights: {placement_rate: 1, relative_salary: 0}
`)
	po := a.planOptions()
	if po.TotalChange != 0 || po.CellChange != 0 || po.ChangePenalty != 0 || po.BachelorShare != 0 || po.BachelorPenalty != 0 {
		t.Errorf("plan options %+v, want every number 0", po)
	}
	jo, err := a.jobOptions("2025-12")
	if err != nil {
		t.Fatal(err)
	}
	if jo.ScoreMove != 0 || jo.RatioMove != 0 {
		t.Errorf("score move %v, ratio move %v, want 0", jo.ScoreMove, jo.RatioMove)
	}
	if w, ok := jo.Weights["relative_salary"]; !ok || w != 0 || jo.Weights["placement_rate"] != 1 {
		t.Errorf("weights %v, want placement_rate 1 and relative_salary 0 as given", jo.Weights)
	}
	// The default weighting is policy: the supply–demand ratio 0.30,
	// placement 0.20 (docs/models.md §4); entropy hands on no weights.
	if jo, err := loadApp(t, "").jobOptions("2025-12"); err != nil || jo.Weights["supply_demand_ratio"] != 0.30 || jo.Weights["placement_rate"] != 0.20 {
		t.Errorf("default weighting: weights %v (%v), want the policy's", jo.Weights, err)
	}
	if jo, err := loadApp(t, "score: {weighting: entropy}\n").jobOptions("2025-12"); err != nil || jo.Weights != nil {
		t.Errorf("entropy weighting: weights %v (%v), want nil", jo.Weights, err)
	}
}

// TestBandsReachEveryConsumer: match.slight_oversupply 1.5 → 1.3 and
// match.slight_undersupply 0.9 → 0.8 move the bands of the run, the
// supply rules of every preset (the chosen one and those compared) and
// the bands of the plan's reasons.
func TestBandsReachEveryConsumer(t *testing.T) {
	a := loadApp(t, "match: {slight_undersupply: 0.8, slight_oversupply: 1.3}\n")
	want := match.Thresholds{Shortage: 0.6, Slight: 0.8, BalancedHigh: 1.2, SlightHigh: 1.3}
	jo, err := a.jobOptions("2025-12")
	if err != nil {
		t.Fatal(err)
	}
	if jo.Thresholds != want {
		t.Errorf("run bands %+v, want %+v", jo.Thresholds, want)
	}
	if b, _ := match.Classify(1.4, jo.Thresholds); b != match.Oversupply {
		t.Errorf("ratio 1.4 is %v, want oversupply", b)
	}
	if len(jo.Presets) != 5 {
		t.Fatalf("%d presets, want 5", len(jo.Presets))
	}
	for _, p := range append(jo.Presets, jo.Preset) {
		found := 0
		for _, r := range p.Rules {
			switch r.Code {
			case "supply_exceeds_demand":
				found++
				if r.Threshold != 1.3 {
					t.Errorf("%s: supply_exceeds_demand from %v, want 1.3", p.Name, r.Threshold)
				}
			case "shortage_industry":
				found++
				if r.Threshold != 0.8 {
					t.Errorf("%s: shortage_industry below %v, want 0.8", p.Name, r.Threshold)
				}
			}
		}
		if found != 2 {
			t.Errorf("%s: %d supply rules, want 2", p.Name, found)
		}
	}
	if po := a.planOptions(); po.Bands != want {
		t.Errorf("plan bands %+v, want %+v", po.Bands, want)
	}
}
