package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// leafErrors unwraps joined errors into their leaves.
func leafErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leafErrors(e)...)
		}
		return out
	}
	return []error{err}
}

// checkErrors fails unless every leaf of err is an *Error whose Where
// starts with file, and returns them.
func checkErrors(t *testing.T, err error, file string) []*Error {
	t.Helper()
	var out []*Error
	for _, e := range leafErrors(err) {
		ce, ok := e.(*Error)
		if !ok {
			t.Errorf("error %v (%T) is not an *Error", e, e)
			continue
		}
		if !strings.HasPrefix(ce.Where, file) {
			t.Errorf("error %v: Where %q does not name %s", ce, ce.Where, file)
		}
		out = append(out, ce)
	}
	return out
}

func defaultConfig(t testing.TB) *Config {
	t.Helper()
	cfg, _, err := Load(viper.New(), LoadOptions{File: "defaults.yaml", LookupEnv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestBadScenario(t *testing.T) {
	const shock = "name: a\nshocks:\n  - industry: C36\n    region: \"140100\"\n    growth: 0.05\n    from: 2026\n    to: 2030\n"
	const intake = "name: a\nintake:\n  - program: \"520201\"\n    region: \"140800\"\n    change: 500\n    from: 2026\n"
	tests := []struct {
		name, body string
		line, want string // want: a fragment of the error at bad.yaml:line
	}{
		{"empty file", "", "1", "name: missing"},
		{"comments only", "# nothing\n", "1", "name: missing"},
		{"not YAML", "name: a\nshocks: [\n", "2", "not valid YAML"},
		{"not YAML tab", "name: a\n\tdraws: 5\n", "2", "not valid YAML"},
		{"two documents", "name: a\n---\nname: b\n", "2", "one YAML document"},
		{"root a list", "- name: a\n", "1", "the scenario must be a mapping of name, description"},
		{"missing name", "description: x\n", "1", "name: missing"},
		{"bad name", "name: NEV Taiyuan\n", "1", `name: "NEV Taiyuan": must be 1 to 40 characters`},
		{"long name", "name: " + strings.Repeat("a", 41) + "\n", "1", "must be 1 to 40 characters"},
		{"name a number", "name: 2026\n", "1", `name: must be a string, not 2026 (quote it: "2026")`},
		{"name null", "name:\n", "1", "name: must be a string, not nothing"},
		{"description a list", "name: a\ndescription: [x]\n", "2", "description: must be a string, not a list"},
		{"unknown key", "name: a\nshock: []\n", "2", `shock: unknown key (did you mean "shocks"?)`},
		{"unknown key no suggestion", "name: a\nscenario: x\n", "2", "scenario: unknown key"},
		{"key twice", "name: a\nname: b\n", "2", "name: given twice (first at line 1)"},
		{"shocks a mapping", "name: a\nshocks:\n  industry: C36\n", "3", `shocks: must be a list of shocks, each item starting with "- "`},
		{"shock a string", "name: a\nshocks:\n  - C36\n", "3", "shocks[0]: a shock must be a mapping of industry, region, growth, from, to"},
		{"shock unknown key", strings.Replace(shock, "growth:", "grwoth:", 1), "5", `shocks[0].grwoth: unknown key (did you mean "growth"?)`},
		{"shock missing growth", strings.Replace(shock, "    growth: 0.05\n", "", 1), "3", "shocks[0].growth: missing"},
		{"shock missing to", strings.Replace(shock, "    to: 2030\n", "", 1), "3", "shocks[0].to: missing"},
		{"shock null region", strings.Replace(shock, `"140100"`, "", 1), "4", "shocks[0].region: has no value"},
		{"growth a string", strings.Replace(shock, "0.05", `"0.05"`, 1), "5", `shocks[0].growth: must be a number, not "0.05" (remove the quotes)`},
		{"growth -1", strings.Replace(shock, "0.05", "-1", 1), "5", "shocks[0].growth: -1: must be greater than -1"},
		{"growth -1.5", strings.Replace(shock, "0.05", "-1.5", 1), "5", "must be greater than -1"},
		{"growth in percent", strings.Replace(shock, "0.05", "5", 1), "5", "must be at most 1: it is a rate, write 0.05 for 5 percentage points"},
		{"growth nan", strings.Replace(shock, "0.05", ".nan", 1), "5", "must be a finite number"},
		{"growth inf", strings.Replace(shock, "0.05", ".inf", 1), "5", "must be a finite number"},
		{"from after to", strings.Replace(shock, "to: 2030", "to: 2025", 1), "7", "shocks[0].to: 2025: must not be before from (2026)"},
		{"year before 2000", strings.Replace(shock, "from: 2026", "from: 1999", 1), "6", "shocks[0].from: 1999: must be a year between 2000 and 2100"},
		{"year after 2100", strings.Replace(shock, "to: 2030", "to: 2101", 1), "7", "must be a year between 2000 and 2100"},
		{"year a float", strings.Replace(shock, "from: 2026", "from: 2026.5", 1), "6", "shocks[0].from: must be a whole number, not 2026.5"},
		{"year a date", strings.Replace(shock, "from: 2026", "from: 2026-01-01", 1), "6", "must be a whole number, not !!timestamp"},
		{"year a string", strings.Replace(shock, "from: 2026", `from: "2026"`, 1), "6", "(remove the quotes)"},
		{"region 5 digits", strings.Replace(shock, `"140100"`, `"14010"`, 1), "4", `shocks[0].region: "14010": must be the 6-digit code of a city or a province`},
		{"region a name", strings.Replace(shock, `"140100"`, "太原", 1), "4", "must be the 6-digit code"},
		{"region a float", strings.Replace(shock, `"140100"`, "140100.0", 1), "4", "must be a 6-digit code, not 140100.0"},
		{"industry bad", strings.Replace(shock, "C36", "C3", 1), "3", `shocks[0].industry: "C3": must be a GB/T 4754 section letter`},
		{"industry U", strings.Replace(shock, "C36", "U", 1), "3", "section letter A-T"},
		{"industry a number", strings.Replace(shock, "C36", "36", 1), "3", "shocks[0].industry: must be a string, not 36"},
		{"second shock", shock + "  - industry: B06\n    region: \"140000\"\n    growth: -0.05\n    from: 2026\n    to: 2036x\n", "12", "shocks[1].to"},
		{"intake unknown key", strings.Replace(intake, "from:", "form:", 1), "6", `intake[0].form: unknown key (did you mean "from"?)`},
		{"intake missing from", strings.Replace(intake, "    from: 2026\n", "", 1), "3", "intake[0].from: missing"},
		{"intake missing program", strings.Replace(intake, "  - program: \"520201\"\n    region", "  - region", 1), "3", "intake[0].program: missing"},
		{"program 5 digits", strings.Replace(intake, `"520201"`, `"52020"`, 1), "3", `intake[0].program: "52020": must be the 6-digit code of a program`},
		{"change a string", strings.Replace(intake, "500", "many", 1), "5", `intake[0].change: must be a number, not "many"`},
		{"change a list", strings.Replace(intake, "500", "[500]", 1), "5", "intake[0].change: must be a number, not a list"},
		{"intake a mapping", "name: a\nintake: {program: \"520201\"}\n", "2", "intake: must be a list of intake changes"},
		{"parameters a list", "name: a\nparameters: [rules]\n", "2", "parameters: must be a mapping of config keys"},
		{"parameter unknown", "name: a\nparameters:\n  rules:\n    presett: x\n", "4", `parameters.rules.presett: unknown config key (did you mean "rules.preset"?)`},
		{"parameter without section", "name: a\nparameters:\n  preset: shanxi_2025\n", "3", `parameters.preset: unknown config key (did you mean "rules.preset"?)`},
		{"parameter section typo", "name: a\nparameters:\n  rulse:\n    preset: x\n", "3", `parameters.rulse: unknown config key (did you mean "rules"?)`},
		{"parameter unknown map key", "name: a\nparameters:\n  demand:\n    replacement_rate:\n      zz: 0.1\n", "5", "parameters.demand.replacement_rate.zz: unknown config key"},
		{"parameter warehouse", "name: a\nparameters:\n  warehouse: x.duckdb\n", "3", "parameters.warehouse: an operational setting, not a scenario parameter"},
		{"parameter lang", "name: a\nparameters:\n  lang: en\n", "3", "parameters.lang: an operational setting"},
		{"parameter log_format", "name: a\nparameters:\n  log_format: json\n", "3", "parameters.log_format: an operational setting"},
		{"parameter quiet", "name: a\nparameters:\n  quiet: true\n", "3", "parameters.quiet: an operational setting"},
		{"parameter wait", "name: a\nparameters:\n  wait: 1m\n", "3", "parameters.wait: an operational setting"},
		{"parameter demo", "name: a\nparameters:\n  demo:\n    out: x\n", "3", "parameters.demo: configures vocmap demo, not a scenario parameter"},
		{"parameter ingest", "name: a\nparameters:\n  ingest:\n    max_errors: 5\n", "3", "parameters.ingest: configures vocmap ingest"},
		{"parameter run.out", "name: a\nparameters:\n  run:\n    out: x\n", "4", "parameters.run.out: an operational setting"},
		{"parameter run.draws", "name: a\nparameters:\n  run:\n    draws: 500\n", "4", "parameters.run.draws: set it with the scenario's top-level draws"},
		{"parameter run.seed", "name: a\nparameters:\n  run.seed: 5\n", "3", "parameters.run.seed: set it with the scenario's top-level seed"},
		{"preset a number", "name: a\nparameters:\n  rules:\n    preset: 5\n", "4", `parameters.rules.preset: must be a string, not 5 (quote it: "5")`},
		{"preset a bool", "name: a\nparameters:\n  rules:\n    preset: true\n", "4", "parameters.rules.preset: must be a string"},
		{"preset a list", "name: a\nparameters:\n  rules:\n    preset: [ministry]\n", "4", "parameters.rules.preset: must be a string, not a list"},
		{"preset a mapping", "name: a\nparameters:\n  rules:\n    preset: {name: x}\n", "4", "parameters.rules.preset: must be a single value, not a mapping"},
		{"preset null", "name: a\nparameters:\n  rules:\n    preset:\n", "4", "parameters.rules.preset: must be a string, not nothing"},
		{"section a value", "name: a\nparameters:\n  rules: shanxi_2025\n", "3", `parameters.rules: is a section: give its keys, nested under it (green_min_score, preset, thresholds), not "shanxi_2025"`},
		{"horizon a float", "name: a\nparameters:\n  run:\n    horizon: 2030.5\n", "4", "parameters.run.horizon: must be a whole number, not 2030.5"},
		{"horizon a string", "name: a\nparameters:\n  run:\n    horizon: \"2030\"\n", "4", "(remove the quotes)"},
		{"weight a string", "name: a\nparameters:\n  score:\n    weights:\n      placement_rate: high\n", "5", `parameters.score.weights.placement_rate: must be a number, not "high"`},
		{"parameter twice", "name: a\nparameters:\n  rules.preset: a\n  rules:\n    preset: b\n", "5", "parameters.rules.preset: given twice (first at line 3)"},
		{"draws too few", "name: a\ndraws: 5\n", "2", "draws: 5: must be between 10 and 100000"},
		{"draws too many", "name: a\ndraws: 1000000\n", "2", "draws: 1000000: must be between 10 and 100000"},
		{"draws huge", "name: a\ndraws: 99999999999999999999\n", "2", "draws: must be a whole number"},
		{"draws a string", "name: a\ndraws: \"200\"\n", "2", `draws: must be a whole number, not "200" (remove the quotes)`},
		{"seed negative", "name: a\nseed: -1\n", "2", "seed: -1: must be a whole number between 0 and"},
		{"seed a float", "name: a\nseed: 1.5\n", "2", "seed: must be a whole number ≥ 0, not 1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseScenario("bad.yaml", []byte(tt.body))
			if err == nil {
				t.Fatalf("no error; scenario %+v", s)
			}
			if s != nil {
				t.Errorf("a scenario and an error")
			}
			where := "bad.yaml:" + tt.line
			var found bool
			for _, e := range checkErrors(t, err, "bad.yaml") {
				if e.Where == where && strings.Contains(e.Error(), tt.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("err =\n%v\nwant an error at %s containing %q", err, where, tt.want)
			}
		})
	}
}

// TestScenarioAllErrors checks that the parser reports every problem, not
// only the first.
func TestScenarioAllErrors(t *testing.T) {
	body := `name: Bad Name
shocks:
  - industry: C3
    region: "1401"
    growth: -2
    from: 2030
    to: 2026
intake:
  - program: "520201"
    region: "140800"
    change: lots
parameters:
  lang: en
draws: 1
colour: red
`
	_, err := ParseScenario("all.yaml", []byte(body))
	got := checkErrors(t, err, "all.yaml")
	want := []string{
		"all.yaml:1: name", "all.yaml:3: shocks[0].industry", "all.yaml:4: shocks[0].region",
		"all.yaml:5: shocks[0].growth", "all.yaml:7: shocks[0].to", "all.yaml:11: intake[0].change",
		"all.yaml:9: intake[0].from: missing", "all.yaml:13: parameters.lang", "all.yaml:14: draws", "all.yaml:15: colour",
	}
	var msgs []string
	for _, e := range got {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, w := range want {
		if !strings.Contains(all, "config: "+w) {
			t.Errorf("no error %q in\n%s", w, all)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d errors, want %d:\n%s", len(got), len(want), all)
	}
	if !slices.IsSortedFunc(got, func(a, b *Error) int { return lineOf(a) - lineOf(b) }) {
		t.Errorf("errors not in the order of the file:\n%s", all)
	}
}

func lineOf(e *Error) int {
	_, l, _ := strings.Cut(e.Where, ":")
	n, _ := strconv.Atoi(l)
	return n
}

// TestScenarioWindowsFile parses a scenario saved by a Windows editor,
// with CRLF line ends and a byte-order mark.
func TestScenarioWindowsFile(t *testing.T) {
	b, err := os.ReadFile("scenarios/nev_taiyuan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParseScenario("w.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseScenario("w.yaml", append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseScenario(t *testing.T) {
	tests := []struct {
		file string
		want Scenario
	}{
		{"scenarios/nev_taiyuan.yaml", Scenario{
			Name:        "nev_taiyuan",
			Description: "新能源汽车（C36 汽车制造业、C38 电气机械和器材制造业）2026—2030 年在太原每年多增长 5 个百分点",
			Shocks: []Shock{
				{Industry: "C36", Region: "140100", Growth: 0.05, From: 2026, To: 2030, Line: 9},
				{Industry: "C38", Region: "140100", Growth: 0.05, From: 2026, To: 2030, Line: 14},
			},
			Draws: 200,
		}},
		{"scenarios/nursing_yuncheng.yaml", Scenario{
			Name:        "nursing_yuncheng",
			Description: "运城市高职护理专业（520201）自 2026 年起每年扩招 500 人",
			Intake:      []IntakeChange{{Program: "520201", Region: "140800", Change: 500, From: 2026, Line: 7}},
		}},
		{"scenarios/shanxi_rules.yaml", Scenario{
			Name:        "shanxi_rules",
			Description: "以山西省 2025 年规则代替教育部规则",
			Parameters:  map[string]any{"rules.preset": "shanxi_2025"},
		}},
		{"scenarios/coal_decline.yaml", Scenario{
			Name:        "coal_decline",
			Description: "煤炭开采和洗选业（B06）2026—2035 年在全省每年再减少 5%",
			Shocks:      []Shock{{Industry: "B06", Region: "140000", Growth: -0.05, From: 2026, To: 2035, Line: 7}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s, err := LoadScenario(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.File = tt.file
			s.lines = nil
			if !reflect.DeepEqual(*s, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *s, tt.want)
			}
		})
	}
}

// TestScenarioLenient checks the forms the parser accepts besides the
// documented one.
func TestScenarioLenient(t *testing.T) {
	body := `name: all-of-it_2
description: 全部
shocks:
  - {industry: c36, region: 140100, growth: 0, from: 2026, to: 2026}
  - industry: q
    region: "140000"
    growth: -0.999
    from: 2000
    to: 2100
intake:
  - {program: 520201, region: "140800", change: -120.5, from: 2030}
parameters:
  Rules:
    Preset: tianjin
  rules.green_min_score: 0.4
  demand:
    replacement_rate: {b: 0.05}
    vocational_share:
      c: {higher: 0.2}
  score:
    weights:
      placement_rate: 2
  match:
    shortage: 0.5
  run:
    horizon: 2030
    demand_method: ets
  empty: {}
  supply: {}
draws: 100000
seed: 18446744073709551615
`
	_, err := ParseScenario("ok.yaml", []byte(body))
	if err == nil || !strings.Contains(err.Error(), "ok.yaml:28: parameters.empty: unknown config key") {
		t.Fatalf("err = %v, want only the unknown section empty", err)
	}
	if n := len(leafErrors(err)); n != 1 {
		t.Fatalf("%d errors, want 1: %v", n, err)
	}
	s, err := ParseScenario("ok.yaml", []byte(strings.Replace(body, "  empty: {}\n", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	want := Scenario{
		Name:        "all-of-it_2",
		Description: "全部",
		Shocks: []Shock{
			{Industry: "C36", Region: "140100", Growth: 0, From: 2026, To: 2026, Line: 4},
			{Industry: "Q", Region: "140000", Growth: -0.999, From: 2000, To: 2100, Line: 5},
		},
		Intake: []IntakeChange{{Program: "520201", Region: "140800", Change: -120.5, From: 2030, Line: 11}},
		Parameters: map[string]any{
			"rules.preset":                     "tianjin",
			"rules.green_min_score":            0.4,
			"demand.replacement_rate.b":        0.05,
			"demand.vocational_share.c.higher": 0.2,
			"score.weights.placement_rate":     2.0,
			"match.shortage":                   0.5,
			"run.horizon":                      2030,
			"run.demand_method":                "ets",
		},
		Draws:   100000,
		Seed:    18446744073709551615,
		HasSeed: true,
		File:    "ok.yaml",
	}
	lines := s.lines
	s.lines = nil
	if !reflect.DeepEqual(*s, want) {
		t.Errorf("got  %#v\nwant %#v", *s, want)
	}
	wantLines := map[string]int{"rules.preset": 14, "rules.green_min_score": 15, "run.horizon": 26, "run.draws": 29, "run.seed": 30}
	for k, l := range wantLines {
		if lines[k] != l {
			t.Errorf("line of %s = %d, want %d", k, lines[k], l)
		}
	}
}

// TestScenarioRoundTrip writes each good scenario with yaml.Marshal and
// parses it again.
func TestScenarioRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("scenarios/*.yaml")
	if len(files) < 4 {
		t.Fatalf("%d example scenarios, want at least 4", len(files))
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			s, err := LoadScenario(f)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, s)
		})
	}
	s := &Scenario{
		Name: "x", Shocks: []Shock{{Industry: "C", Region: "140100", Growth: 0.1, From: 2026, To: 2027}},
		Intake:     []IntakeChange{{Program: "520201", Region: "140800", Change: 3, From: 2026}},
		Parameters: map[string]any{"rules.preset": "anhui", "demand.vocational_share.default.bachelor": 0.5, "run.horizon": 2040},
		Draws:      10, Seed: 0, HasSeed: true,
	}
	roundTrip(t, s)
}

func roundTrip(t *testing.T, s *Scenario) {
	t.Helper()
	b, err := yaml.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseScenario(s.File, b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if !equalScenario(s, back) {
		t.Errorf("round trip of\n%s\ngot  %+v\nwant %+v", b, *back, *s)
	}
}

// equalScenario compares two scenarios, less their lines.
func equalScenario(a, b *Scenario) bool {
	strip := func(s *Scenario) Scenario {
		c := *s
		c.lines = nil
		c.Shocks = slices.Clone(c.Shocks)
		for i := range c.Shocks {
			c.Shocks[i].Line = 0
		}
		c.Intake = slices.Clone(c.Intake)
		for i := range c.Intake {
			c.Intake[i].Line = 0
		}
		return c
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

// configLeaves flattens a Config into dotted keys.
func configLeaves(c *Config) map[string]any {
	out := map[string]any{}
	leaves("", reflect.ValueOf(c).Elem(), out)
	return out
}

// TestApplyScenario applies each example and a scenario setting many keys,
// and checks that exactly the scenario's keys change and cfg does not.
func TestApplyScenario(t *testing.T) {
	body := `name: many
parameters:
  rules: {preset: shanxi_2025, green_min_score: 0.5}
  demand:
    replacement_rate: {b: 0.05}
    vocational_share: {c: {higher: 0.25}}
  score: {weighting: config, weights: {placement_rate: 2}}
  match: {shortage: 0.5}
  run: {horizon: 2030, intake_method: ets}
  supply: {default_stay: 0.8}
draws: 500
seed: 7
`
	many, err := ParseScenario("many.yaml", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		s    *Scenario
		want map[string]any
	}{
		{"scenarios/nev_taiyuan.yaml", nil, map[string]any{"run.draws": 200}},
		{"scenarios/nursing_yuncheng.yaml", nil, map[string]any{}},
		{"scenarios/shanxi_rules.yaml", nil, map[string]any{"rules.preset": "shanxi_2025"}},
		{"scenarios/coal_decline.yaml", nil, map[string]any{}},
		{"many.yaml", many, map[string]any{
			"rules.preset": "shanxi_2025", "rules.green_min_score": 0.5,
			"demand.replacement_rate.b": 0.05, "demand.vocational_share.c.higher": 0.25,
			"score.weighting": "config", "score.weights.placement_rate": 2.0, "match.shortage": 0.5,
			"run.horizon": 2030, "run.intake_method": "ets", "supply.default_stay": 0.8,
			"run.draws": 500, "run.seed": uint64(7),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := tt.s
			if s == nil {
				var err error
				if s, err = LoadScenario(tt.file); err != nil {
					t.Fatal(err)
				}
			}
			cfg := defaultConfig(t)
			before := configLeaves(cfg)
			out, err := s.Apply(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if after := configLeaves(cfg); !maps.EqualFunc(before, after, func(a, b any) bool { return reflect.DeepEqual(a, b) }) {
				t.Errorf("Apply changed its input")
			}
			if !reflect.DeepEqual(cfg, defaultConfig(t)) {
				t.Errorf("Apply changed its input")
			}
			got := configLeaves(out)
			if len(got) != len(before) {
				t.Errorf("%d keys after Apply, %d before", len(got), len(before))
			}
			for k, was := range before {
				want, set := tt.want[k]
				if !set {
					want = was
				}
				if !reflect.DeepEqual(got[k], want) {
					t.Errorf("%s = %#v, want %#v", k, got[k], want)
				}
			}
			for k := range tt.want {
				if _, ok := before[k]; !ok {
					t.Errorf("scenario key %s is not a config key", k)
				}
			}
			// The copy shares no map with the input.
			out.Demand.ReplacementRate["b"] = 0.9
			out.Demand.VocationalShare["c"]["higher"] = 0.9
			out.Score.Weights["placement_rate"] = 9
			out.Rules.Thresholds["too_many_sites"] = 99
			if !reflect.DeepEqual(cfg, defaultConfig(t)) {
				t.Errorf("the result of Apply shares maps with its input")
			}
		})
	}
}

func TestApplyScenarioErrors(t *testing.T) {
	tests := []struct {
		name string
		body string    // parsed as s.yaml, or
		s    *Scenario // built by hand
		want []string  // fragments, each of one error
	}{
		{name: "green score above 1", body: "name: a\nparameters:\n  rules:\n    green_min_score: 1.5\n",
			want: []string{"config: s.yaml:4: parameters.rules.green_min_score: 1.5: must be between 0 and 1"}},
		{name: "weights without weighting", body: "name: a\nparameters:\n  score:\n    weights:\n      placement_rate: 2\n",
			want: []string{"config: s.yaml:5: score.weights: set, but not used with score.weighting policy", "(the scenario sets score.weights.placement_rate)"}},
		{name: "match bands out of order", body: "name: a\nparameters:\n  match:\n    balanced: 2\n",
			want: []string{"config: s.yaml:4: match: the thresholds must increase", "(the scenario sets match.balanced)"}},
		{name: "horizon out of range", body: "name: a\nparameters:\n  run: {horizon: 1990}\n",
			want: []string{"config: s.yaml:3: parameters.run.horizon: 1990: must be a year"}},
		{name: "shock after horizon", body: "name: a\nshocks:\n  - {industry: C, region: \"140100\", growth: 0.1, from: 2031, to: 2032}\nparameters:\n  run: {horizon: 2030}\n",
			want: []string{"config: s.yaml:3: shocks[0].from: 2031: after run.horizon (2030)"}},
		{name: "intake after horizon", body: "name: a\nintake:\n  - {program: \"520201\", region: \"140800\", change: 1, from: 2036}\n",
			want: []string{"config: s.yaml:3: intake[0].from: 2036: after run.horizon (2035)"}},
		{name: "hand-built preset a number", s: &Scenario{Name: "h", File: "h.yaml", Parameters: map[string]any{"rules.preset": 5}},
			want: []string{"config: h.yaml: parameters.rules.preset: must be a string, not 5 (int)"}},
		{name: "hand-built unknown key", s: &Scenario{Name: "h", Parameters: map[string]any{"rules.presett": "x"}},
			want: []string{`config: scenario h: parameters.rules.presett: unknown config key (did you mean "rules.preset"?)`}},
		{name: "hand-built warehouse", s: &Scenario{Name: "h", Parameters: map[string]any{"warehouse": "x"}},
			want: []string{"parameters.warehouse: an operational setting"}},
		{name: "hand-built horizon fraction", s: &Scenario{Name: "h", Parameters: map[string]any{"run.horizon": 2030.5}},
			want: []string{"parameters.run.horizon: must be a whole number, not 2030.5 (float64)"}},
		{name: "hand-built duration for a string", s: &Scenario{Name: "h", Parameters: map[string]any{"rules.preset": time.Minute}},
			want: []string{"parameters.rules.preset: must be a string, not 1m0s (time.Duration)"}},
		{name: "hand-built duration for a number", s: &Scenario{Name: "h", Parameters: map[string]any{"match.shortage": time.Minute}},
			want: []string{"parameters.match.shortage: must be a number, not 1m0s (time.Duration)"}},
		{name: "hand-built draws", s: &Scenario{Name: "h", File: "h.yaml", Draws: 5},
			want: []string{"config: h.yaml: draws: 5: must be between 10 and 100000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			if s == nil {
				var err error
				if s, err = ParseScenario("s.yaml", []byte(tt.body)); err != nil {
					t.Fatal(err)
				}
			}
			out, err := s.Apply(defaultConfig(t))
			if err == nil {
				t.Fatalf("no error; config %+v", out)
			}
			errs := checkErrors(t, err, s.whereLine(0))
			if len(errs) != len(tt.want) && len(tt.want) == 1 {
				t.Errorf("%d errors, want 1: %v", len(errs), err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v, want it to contain %q", err, w)
				}
			}
		})
	}
}

// TestApplyScenarioLeavesPresetNames checks that Apply takes any preset
// name (the caller looks presets up) and whole floats for int keys.
func TestApplyScenarioLeavesPresetNames(t *testing.T) {
	s := &Scenario{Name: "h", Parameters: map[string]any{"rules.preset": "no_such_preset", "run.horizon": 2030.0}}
	out, err := s.Apply(defaultConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	if out.Rules.Preset != "no_such_preset" || out.Run.Horizon != 2030 {
		t.Errorf("preset %q, horizon %d", out.Rules.Preset, out.Run.Horizon)
	}
	if _, err := s.Apply(nil); err == nil {
		t.Error("Apply(nil): no error")
	}
}

func TestLoadScenarioMissing(t *testing.T) {
	_, err := LoadScenario(filepath.Join(t.TempDir(), "none.yaml"))
	var ce *Error
	if !errors.As(err, &ce) || !strings.HasSuffix(ce.Where, "none.yaml") || !strings.Contains(ce.Msg, "no such file") {
		t.Errorf("err = %v", err)
	}
}

// TestScenarioKeysAreConfigKeys checks that every key a scenario may set
// is a Config field Load knows, and that the excluded ones are left out.
func TestScenarioKeysAreConfigKeys(t *testing.T) {
	ks, err := paramKeys()
	if err != nil {
		t.Fatal(err)
	}
	all := configLeaves(defaultConfig(t))
	for k := range ks.leaf {
		if _, ok := all[k]; !ok {
			t.Errorf("%s is not a leaf of the default Config", k)
		}
	}
	for k := range all {
		_, ok := ks.leaf[k]
		code, _ := notParameter(k)
		if excluded := code != ""; ok == excluded {
			t.Errorf("%s: allowed %v, excluded %v", k, ok, excluded)
		}
	}
	for _, k := range []string{"rules.preset", "run.horizon", "demand.replacement_rate.b", "score.weights.placement_rate", "supply.default_stay", "match.min_weight"} {
		if _, ok := ks.leaf[k]; !ok {
			t.Errorf("%s is not a scenario parameter", k)
		}
	}
}

// FuzzScenario checks that the parser never panics, that its errors are
// *Error naming the file, and that what it accepts round-trips and
// applies without panicking.
func FuzzScenario(f *testing.F) {
	files, _ := filepath.Glob("scenarios/*.yaml")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("name: a\nparameters:\n  rules: {preset: 5}\n")
	f.Add("name: a\nshocks:\n  - &s {industry: C, region: 140100, growth: 0.1, from: 2026, to: 2027}\n  - *s\n")
	f.Add("name: a\n<<: {draws: 10}\n")
	f.Add("name: a\n---\nname: b\n")
	f.Add("name: a\nparameters: {run.horizon: 2030, demand: {vocational_share: {c: {higher: 0.1}}}}\nseed: 0x10\n")
	f.Add("name: a\nnaem: b\nshocks:\n  - {industry: C, industry: D, regoin: x}\n")
	cfg := defaultConfig(f)
	f.Fuzz(func(t *testing.T, body string) {
		s, err := ParseScenario("f.yaml", []byte(body))
		for _, line := range strictKeyLines(body) {
			if !slices.ContainsFunc(leafErrors(err), func(e error) bool {
				ce, ok := e.(*Error)
				return ok && ce.Where == "f.yaml:"+line && (strings.Contains(ce.Code, "unknown") || ce.Code == "twice")
			}) {
				t.Errorf("yaml.v3's KnownFields rejects a key at line %s; ParseScenario does not: %v", line, err)
			}
		}
		if err != nil {
			if s != nil {
				t.Error("a scenario and an error")
			}
			checkErrors(t, err, "f.yaml")
			return
		}
		roundTrip(t, s)
		out, err := s.Apply(cfg)
		if err != nil {
			checkErrors(t, err, "f.yaml")
		} else if out == nil {
			t.Error("no config and no error")
		}
	})
}

// reStrictKey matches yaml.v3's text for a key its strict mode
// (KnownFields) rejects: unknown (with a name) or repeated.
var reStrictKey = regexp.MustCompile(`^line ([0-9]+): (field [^ ]+ not found in type config\.(scenarioFile|shockFile|intakeFile)|mapping key .* already defined at line [0-9]+)$`)

// strictKeyLines decodes body with yaml.v3's KnownFields(true) into the
// file's structs (the items as []shockFile and []intakeFile) and returns
// the lines of the keys it rejects as unknown or repeated.
func strictKeyLines(body string) []string {
	var lines []string
	decode := func(v any) {
		dec := yaml.NewDecoder(strings.NewReader(body))
		dec.KnownFields(true)
		var te *yaml.TypeError
		if errors.As(dec.Decode(v), &te) {
			for _, msg := range te.Errors {
				if m := reStrictKey.FindStringSubmatch(msg); m != nil {
					lines = append(lines, m[1])
				}
			}
		}
	}
	decode(&scenarioFile{})
	decode(&struct {
		Shocks []shockFile  `yaml:"shocks"`
		Intake []intakeFile `yaml:"intake"`
	}{})
	return lines
}

// TestExampleScenariosEmbedded: every example is embedded and parses.
func TestExampleScenariosEmbedded(t *testing.T) {
	names := ExampleScenarios()
	if len(names) < 4 {
		t.Fatalf("examples %v", names)
	}
	for _, n := range names {
		s, err := ExampleScenario(n)
		if err != nil || s.Name != n {
			t.Errorf("%s: %v (name %q)", n, err, s.Name)
		}
	}
	if _, err := ExampleScenario("nope"); err == nil {
		t.Error("an unknown example: want an error")
	}
}

// TestScenarioErrorsTogether checks that the problems yaml.v3 alone would
// hide are all reported, each at its line: the library skips a whole
// mapping that repeats a key (so the other problems in it would be lost)
// and drops a list item it cannot decode (so the items after it would
// take its index).
func TestScenarioErrorsTogether(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // every error, "line: fragment"
	}{
		{"repeated key and a bad code in one shock",
			"name: a\nshocks:\n  - industry: C36\n    industry: C38\n    region: \"14010\"\n    growth: 0.05\n    from: 2026\n    to: 2030\n",
			[]string{"4: shocks[0].industry: given twice (first at line 3)", `5: shocks[0].region: "14010": must be the 6-digit code of a city or a province`}},
		{"repeated, unknown and mistyped keys at the top",
			"name: a\ndraws: 100\ndraws: 200\nseeds: 5\ndescription: [x]\n",
			[]string{"3: draws: given twice (first at line 2)", `4: seeds: unknown key (did you mean "seed"?)`, "5: description: must be a string, not a list"}},
		{"two unknown keys",
			"name: a\nshock: []\ndraw: 50\n",
			[]string{`2: shock: unknown key (did you mean "shocks"?)`, `3: draw: unknown key (did you mean "draws"?)`}},
		{"a bad item keeps its index",
			"name: a\nshocks:\n  - C36\n  - {industry: C3, region: \"140100\", growth: 0.1, from: 2026, to: 2027}\n",
			[]string{"3: shocks[0]: a shock must be a mapping", `4: shocks[1].industry: "C3": must be a GB/T 4754 section letter`}},
		{"a null item keeps its index",
			"name: a\nintake:\n  -\n  - {program: \"520201\", region: \"140800\", change: x, from: 2026}\n",
			[]string{"3: intake[0]: an intake change must be a mapping of program, region, change, from, not nothing", `4: intake[1].change: must be a number, not "x"`}},
		{"repeated, unknown and mistyped parameters",
			"name: a\nparameters:\n  rules:\n    preset: a\n    preset: b\n    green_min_scor: 0.4\n  run: {horizon: 2030.5}\n",
			[]string{"5: parameters.rules.preset: given twice (first at line 4)", `6: parameters.rules.green_min_scor: unknown config key (did you mean "rules.green_min_score"?)`, "7: parameters.run.horizon: must be a whole number, not 2030.5"}},
		{"missing, null and mistyped fields of one shock",
			"name: a\nshocks:\n  - industry: C36\n    region:\n    growth: 5%\n    from: 2026\n",
			[]string{"3: shocks[0].to: missing (the last year of the shock)", "4: shocks[0].region: has no value", `5: shocks[0].growth: must be a number, not "5%"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseScenario("two.yaml", []byte(tt.body))
			got := checkErrors(t, err, "two.yaml")
			var msgs []string
			for _, e := range got {
				msgs = append(msgs, e.Error())
			}
			all := strings.Join(msgs, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, "config: two.yaml:"+w) {
					t.Errorf("no error %q in\n%s", w, all)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d errors, want %d:\n%s", len(got), len(tt.want), all)
			}
		})
	}
}

// TestApplyOverConfigFile applies scenarios to a config loaded from a
// vocmap.yaml: a parameter overrides the file's value and leaves the
// others, 0 is 0 (not the default), and an unknown key is an error at its
// line with a hint.
func TestApplyOverConfigFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "vocmap.yaml")
	// The file moves five values off their defaults (run.horizon 2035,
	// rules.green_min_score 0.3, plan.total_change 0.05, run.score_move
	// 0.1, run.seed 1).
	body := "run:\n  horizon: 2030\n  score_move: 0.2\n  seed: 5\nrules:\n  green_min_score: 0.4\nplan:\n  total_change: 0.2\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := Load(viper.New(), LoadOptions{File: file, LookupEnv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body string
		check      func(c *Config) string // "" when c is right
		err        string                 // or the error expected
	}{
		{name: "override", body: "name: a\nparameters:\n  rules:\n    green_min_score: 0.5\n",
			check: func(c *Config) string {
				if c.Rules.GreenMinScore != 0.5 || c.Run.Horizon != 2030 || c.Plan.TotalChange != 0.2 || c.Run.Seed != 5 {
					return fmt.Sprintf("green_min_score %v (want 0.5), horizon %d (2030), total_change %v (0.2), seed %d (5)",
						c.Rules.GreenMinScore, c.Run.Horizon, c.Plan.TotalChange, c.Run.Seed)
				}
				return ""
			}},
		{name: "zero is zero", body: "name: a\nparameters:\n  plan: {total_change: 0, change_penalty: 0, bachelor_share: 0}\n  run: {score_move: 0, ratio_move: 0}\n  supply: {default_further_study: 0}\nseed: 0\n",
			check: func(c *Config) string {
				p := c.Plan
				if p.TotalChange != 0 || p.ChangePenalty != 0 || p.BachelorShare != 0 || c.Run.ScoreMove != 0 || c.Run.RatioMove != 0 || c.Supply.DefaultFurtherStudy != 0 || c.Run.Seed != 0 {
					return fmt.Sprintf("plan %+v, score_move %v, ratio_move %v, further_study %v, seed %d: want all 0",
						p, c.Run.ScoreMove, c.Run.RatioMove, c.Supply.DefaultFurtherStudy, c.Run.Seed)
				}
				if c.Rules.GreenMinScore != 0.4 || c.Run.Horizon != 2030 {
					return fmt.Sprintf("green_min_score %v, horizon %d: the file's 0.4 and 2030 should stay", c.Rules.GreenMinScore, c.Run.Horizon)
				}
				return ""
			}},
		{name: "unknown key", body: "name: a\nparameters:\n  plan:\n    total_chnage: 0\n",
			err: `config: s.yaml:4: parameters.plan.total_chnage: unknown config key (did you mean "plan.total_change"?)`},
		{name: "shock after the file's horizon", body: "name: a\nshocks:\n  - {industry: C, region: \"140100\", growth: 0.1, from: 2031, to: 2032}\n",
			err: "config: s.yaml:3: shocks[0].from: 2031: after run.horizon (2030)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseScenario("s.yaml", []byte(tt.body))
			if err == nil {
				var out *Config
				if out, err = s.Apply(cfg); err == nil {
					if tt.err != "" {
						t.Fatalf("no error, want %q", tt.err)
					}
					if msg := tt.check(out); msg != "" {
						t.Error(msg)
					}
					return
				}
			}
			if tt.err == "" || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
			if n := len(leafErrors(err)); n != 1 {
				t.Errorf("%d errors, want 1: %v", n, err)
			}
		})
	}
}

// TestNotParameterHasNoArgs: the reason a key is not a scenario parameter
// is the whole message; passed as an argument, it was printed after the
// Chinese text as %!(EXTRA string=...).
func TestNotParameterHasNoArgs(t *testing.T) {
	_, perr := ParseScenario("n.yaml", []byte("name: a\nparameters:\n  lang: en\n  demo: {out: x}\n"))
	_, aerr := (&Scenario{Name: "h", Parameters: map[string]any{"run.seed": 3}}).Apply(defaultConfig(t))
	codes := map[string]bool{}
	for _, e := range append(checkErrors(t, perr, "n.yaml"), checkErrors(t, aerr, "scenario h")...) {
		codes[e.Code] = true
		if len(e.Args) != 0 {
			t.Errorf("%v: args %v", e, e.Args)
		}
	}
	if !codes["operational"] || !codes["demo_section"] || !codes["top_seed"] || len(codes) != 3 {
		t.Errorf("codes %v, want operational, demo_section and top_seed", codes)
	}
}

// TestParamTypeArgs: the translation of param_type takes the Go type's
// name as its last argument, not the value again.
func TestParamTypeArgs(t *testing.T) {
	_, err := (&Scenario{Name: "h", Parameters: map[string]any{"rules.preset": 5}}).Apply(defaultConfig(t))
	errs := checkErrors(t, err, "scenario h")
	if len(errs) != 1 || errs[0].Code != "param_type" || !reflect.DeepEqual(errs[0].Args, []any{"a string", 5, "int"}) {
		t.Errorf("err = %v; want one param_type with args a string, 5, int", err)
	}
}
