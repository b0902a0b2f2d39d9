package config

import (
	"maps"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

func flags(args ...string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.String("warehouse", "./vocmap.duckdb", "")
	fs.String("lang", "zh", "")
	fs.String("log-format", "text", "")
	fs.Bool("quiet", false, "")
	if err := fs.Parse(args); err != nil {
		panic(err)
	}
	return fs
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "vocmap.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func source(srcs []Source, key string) Source {
	for _, s := range srcs {
		if s.Key == key {
			return s
		}
	}
	return Source{}
}

func TestPrecedence(t *testing.T) {
	file := writeFile(t, "warehouse: from-file.duckdb\nlang: en\ndemo:\n  period: \"2024-06\"\ningest:\n  max_errors: 5\n")
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantWH    string
		wantFrom  string
		wantLang  string
		wantMaxE  int
		maxFrom   string
		periodSrc string
	}{
		{"file only", nil, nil, "from-file.duckdb", "file", "en", 5, "file", "file"},
		{"env over file", nil, map[string]string{"VOCMAP_WAREHOUSE": "env.duckdb", "VOCMAP_INGEST_MAX_ERRORS": "7"}, "env.duckdb", "env", "en", 7, "env", "file"},
		{"flag over env", []string{"--warehouse", "flag.duckdb"}, map[string]string{"VOCMAP_WAREHOUSE": "env.duckdb"}, "flag.duckdb", "flag", "en", 5, "file", "file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, srcs, err := Load(viper.New(), LoadOptions{File: file, Flags: flags(tt.args...), LookupEnv: env(tt.env)})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Warehouse != tt.wantWH || source(srcs, "warehouse").From != tt.wantFrom {
				t.Errorf("warehouse = %q from %s, want %q from %s", cfg.Warehouse, source(srcs, "warehouse").From, tt.wantWH, tt.wantFrom)
			}
			if cfg.Lang != tt.wantLang {
				t.Errorf("lang = %q, want %q", cfg.Lang, tt.wantLang)
			}
			if cfg.Ingest.MaxErrors != tt.wantMaxE || source(srcs, "ingest.max_errors").From != tt.maxFrom {
				t.Errorf("max_errors = %d from %s, want %d from %s", cfg.Ingest.MaxErrors, source(srcs, "ingest.max_errors").From, tt.wantMaxE, tt.maxFrom)
			}
			if got := source(srcs, "demo.period").From; got != tt.periodSrc {
				t.Errorf("demo.period from %s, want %s", got, tt.periodSrc)
			}
			if got := source(srcs, "log_format").From; got != "default" {
				t.Errorf("log_format from %s, want default", got)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, srcs, err := Load(viper.New(), LoadOptions{LookupEnv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Warehouse != "./vocmap.duckdb" || cfg.Lang != "zh" || cfg.Demo.Period != "2025-12" || cfg.Ingest.MaxErrors != 1000 {
		t.Errorf("defaults = %+v", cfg)
	}
	for _, s := range srcs {
		if s.From != "default" {
			t.Errorf("%s from %s, want default", s.Key, s.From)
		}
	}
}

func TestBadConfig(t *testing.T) {
	tests := []struct {
		name, body string
		env        map[string]string
		want       string
	}{
		{"unknown key", "warehous: x.duckdb\n", nil, `warehous: unknown key`},
		{"unknown nested key", "demo:\n  periode: \"2024-01\"\n", nil, `demo.periode: unknown key (did you mean "demo.period"?)`},
		{"bad lang", "lang: fr\n", nil, `lang: "fr": must be zh or en`},
		{"bad period", "demo:\n  period: 2024-13\n", nil, `demo.period`},
		{"bad env int", "", map[string]string{"VOCMAP_INGEST_MAX_ERRORS": "many"}, "max_errors"},
		{"not yaml", "warehouse: [\n", nil, "not valid YAML"},
		{"moved supply threshold", "rules:\n  thresholds:\n    supply_exceeds_demand: 1.3\n", nil,
			"rules.thresholds.supply_exceeds_demand: no longer a key: the threshold is match.slight_oversupply"},
		{"moved shortage threshold", "rules:\n  thresholds:\n    shortage_industry: 0.8\n", nil,
			"rules.thresholds.shortage_industry: no longer a key: the threshold is match.slight_undersupply"},
		{"weighting unknown", "score:\n  weighting: equal\n", nil, `score.weighting: "equal": must be one of policy, entropy, config`},
		{"weights unused", "score:\n  weighting: entropy\n  weights:\n    placement_rate: 2\n", nil, "score.weights: set, but not used with score.weighting entropy: set score.weighting to config"},
		{"weights unused by policy", "score:\n  weights:\n    placement_rate: 2\n", nil, "score.weights: set, but not used with score.weighting policy: set score.weighting to config"},
		{"config weights all 0", "score:\n  weighting: config\n", nil, "score.weights: all 0 with score.weighting config"},
		{"negative penalty", "plan:\n  change_penalty: -0.1\n", nil, "plan: penalties must be ≥ 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			_, _, err := Load(viper.New(), LoadOptions{File: writeFile(t, tt.body), LookupEnv: env(tt.env)})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestZeroIsZero: 0 in the file is 0 in the Config, for every key whose
// 0 the library once replaced by a default, and score.weighting says how
// the weights are read (ScoreWeights: nil for entropy, the map as given
// for config).
func TestZeroIsZero(t *testing.T) {
	file := writeFile(t, `plan: {total_change: 0, cell_change: 0, change_penalty: 0, bachelor_share: 0, bachelor_penalty: 0}
run: {score_move: 0, ratio_move: 0}
score:
  weighting: config
  weights: {placement_rate: 1}
`)
	cfg, srcs, err := Load(viper.New(), LoadOptions{File: file, LookupEnv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if (cfg.Plan != Plan{}) || cfg.Run.ScoreMove != 0 || cfg.Run.RatioMove != 0 {
		t.Errorf("plan %+v, moves %v %v: want 0", cfg.Plan, cfg.Run.ScoreMove, cfg.Run.RatioMove)
	}
	if source(srcs, "plan.total_change").From != "file" {
		t.Errorf("plan.total_change from %s, want file", source(srcs, "plan.total_change").From)
	}
	w := cfg.Score.ScoreWeights()
	if w["placement_rate"] != 1 || w["relative_salary"] != 0 || len(w) != 8 {
		t.Errorf("weights %v, want placement_rate 1 and the rest 0", w)
	}
	def, _, err := Load(viper.New(), LoadOptions{File: "defaults.yaml", LookupEnv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	// The default is policy: the weights of docs/models.md §4, which sum to
	// 0.30 + 0.20 + 0.10 + 0.10 + 0.05 + 0.05 + 0.10 + 0.10 = 1.
	pw := map[string]float64{"supply_demand_ratio": 0.30, "placement_rate": 0.20, "employment_rate": 0.10, "match_rate": 0.10,
		"relative_salary": 0.05, "intake_trend": 0.05, "demand_growth": 0.10, "plan_priority": 0.10}
	if got := def.Score.ScoreWeights(); def.Score.Weighting != WeightingPolicy || !maps.Equal(got, pw) {
		t.Errorf("default weighting %q, weights %v: want policy, %v", def.Score.Weighting, got, pw)
	}
	sum := 0.0
	for _, v := range PolicyWeights {
		sum += v
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("policy weights sum to %v", sum)
	}
	if ent := (Score{Weighting: WeightingEntropy}); ent.ScoreWeights() != nil {
		t.Errorf("entropy weights %v, want nil", ent.ScoreWeights())
	}
}

// TestExampleFiles loads every example config shipped in this folder.
func TestExampleFiles(t *testing.T) {
	files, _ := filepath.Glob("examples/*.yaml")
	if len(files) == 0 {
		t.Fatal("no example config files")
	}
	for _, f := range files {
		if _, _, err := Load(viper.New(), LoadOptions{File: f, LookupEnv: env(nil)}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func FuzzConfigFile(f *testing.F) {
	f.Add("warehouse: a.duckdb\n")
	f.Add("demo:\n  period: \"2024-01\"\n")
	f.Add("lang: [1, 2]\n")
	f.Add("ingest: 5\n")
	f.Fuzz(func(t *testing.T, body string) {
		p := filepath.Join(t.TempDir(), "c.yaml")
		os.WriteFile(p, []byte(body), 0o644)
		Load(viper.New(), LoadOptions{File: p, LookupEnv: env(nil)}) // must not panic
	})
}

// TestAllErrorsAtOnce: a file with an unknown key, a value of the wrong
// type and a value out of range reports the three together, each with its
// key, its code and where it came from.
func TestAllErrorsAtOnce(t *testing.T) {
	file := writeFile(t, "warehous: x.duckdb\nquiet: maybe\nrun:\n  horizon: 1999\n")
	_, _, err := Load(viper.New(), LoadOptions{File: file, Flags: flags(), LookupEnv: env(nil)})
	if err == nil {
		t.Fatal("no error")
	}
	want := []Error{
		{Where: file, Key: "warehous", Code: "unknown_key_near", Msg: `unknown key (did you mean "warehouse"?)`},
		{Where: "file " + file, Key: "quiet", Code: "type", Msg: `"maybe": must be true or false`},
		{Where: "file " + file, Key: "run.horizon", Code: "year", Msg: "1999: must be a year between 2000 and 2100"},
	}
	got := unjoin(err)
	if len(got) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(got), len(want), err)
	}
	for i, e := range got {
		ce, ok := e.(*Error)
		if !ok {
			t.Fatalf("error %d is %T: %v", i, e, e)
		}
		if ce.Where != want[i].Where || ce.Key != want[i].Key || ce.Code != want[i].Code || ce.Msg != want[i].Msg {
			t.Errorf("error %d = %+v, want %+v", i, *ce, want[i])
		}
	}
}
