package config

import (
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

//go:embed defaults.yaml
var defaultsYAML []byte

// DefaultsYAML returns the embedded defaults file.
func DefaultsYAML() []byte { return append([]byte(nil), defaultsYAML...) }

// DefaultFile is the config file read from the working directory when no
// --config is given and the file exists.
const DefaultFile = "vocmap.yaml"

// EnvPrefix prefixes the environment variables that set config keys.
const EnvPrefix = "VOCMAP"

// Config is vocmap's effective configuration.
type Config struct {
	// Warehouse is the DuckDB warehouse file.
	Warehouse string `mapstructure:"warehouse"`
	// Lang is the language of messages and outputs: "zh" or "en".
	Lang string `mapstructure:"lang"`
	// LogFormat is "text" or "json".
	LogFormat string `mapstructure:"log_format"`
	// Quiet silences progress and informational messages.
	Quiet bool `mapstructure:"quiet"`
	// Wait bounds how long a command waits while another process has
	// the warehouse open.
	Wait time.Duration `mapstructure:"wait"`
	// Ingest configures dataset loading.
	Ingest Ingest `mapstructure:"ingest"`
	// Demo configures `vocmap demo`.
	Demo Demo `mapstructure:"demo"`
	// Run configures the monthly run.
	Run Run `mapstructure:"run"`
	// Demand configures the demand model.
	Demand Demand `mapstructure:"demand"`
	// Supply configures the supply model.
	Supply Supply `mapstructure:"supply"`
	// Match holds the supply–demand bands.
	Match Match `mapstructure:"match"`
	// Market says in which labour market each level is judged.
	Market Market `mapstructure:"market"`
	// Score holds the indicator weights.
	Score Score `mapstructure:"score"`
	// Rules chooses the rule preset and its thresholds.
	Rules Rules `mapstructure:"rules"`
	// Plan configures the enrollment-plan optimiser (`vocmap plan`).
	Plan Plan `mapstructure:"plan"`
}

// Plan configures the enrollment-plan optimiser.
type Plan struct {
	TotalChange     float64 `mapstructure:"total_change"`
	CellChange      float64 `mapstructure:"cell_change"`
	ChangePenalty   float64 `mapstructure:"change_penalty"`
	BachelorShare   float64 `mapstructure:"bachelor_share"`
	BachelorPenalty float64 `mapstructure:"bachelor_penalty"`
}

// Run configures `vocmap run`.
type Run struct {
	// Out is the folder of the periods' outputs.
	Out string `mapstructure:"out"`
	// Horizon is the last year forecast.
	Horizon int `mapstructure:"horizon"`
	// DemandMethod forecasts employment; IntakeMethod future intake.
	DemandMethod string `mapstructure:"demand_method"`
	IntakeMethod string `mapstructure:"intake_method"`
	// Draws is the number of Monte Carlo draws.
	Draws int `mapstructure:"draws"`
	// Seed seeds every simulation.
	Seed uint64 `mapstructure:"seed"`
	// ScoreMove and RatioMove are the moves changes.csv reports as large.
	ScoreMove float64 `mapstructure:"score_move"`
	RatioMove float64 `mapstructure:"ratio_move"`
}

// Demand configures the demand model.
type Demand struct {
	// ReplacementRate by lower-case section letter, and "default".
	ReplacementRate map[string]float64 `mapstructure:"replacement_rate"`
	// VocationalShare by lower-case section letter (and "default"), then
	// level.
	VocationalShare map[string]map[string]float64 `mapstructure:"vocational_share"`
	// PostingsWeight and PostingsCap shape the job-postings factor.
	PostingsWeight float64 `mapstructure:"postings_weight"`
	PostingsCap    float64 `mapstructure:"postings_cap"`
	// Growth is GrowthTrend (the forecast) or GrowthPlanTargets (the
	// plan's target growth where industry_priorities gives one).
	Growth string `mapstructure:"growth"`
}

// The values of demand.growth.
const (
	GrowthTrend       = "trend"
	GrowthPlanTargets = "plan_targets"
)

// Supply configures the supply model's defaults.
type Supply struct {
	DefaultCompletion   float64 `mapstructure:"default_completion"`
	DefaultFurtherStudy float64 `mapstructure:"default_further_study"`
	DefaultStay         float64 `mapstructure:"default_stay"`
}

// Match holds the band thresholds and the crosswalk cut-off.
type Match struct {
	Shortage          float64 `mapstructure:"shortage"`
	SlightUndersupply float64 `mapstructure:"slight_undersupply"`
	Balanced          float64 `mapstructure:"balanced"`
	SlightOversupply  float64 `mapstructure:"slight_oversupply"`
	MinWeight         float64 `mapstructure:"min_weight"`
	PriorityWeight    float64 `mapstructure:"priority_weight"`
}

// Market says in which labour market each program level is judged
// (docs/models.md, "Labour markets"): "city" or "province".
type Market struct {
	Secondary string `mapstructure:"secondary"`
	Higher    string `mapstructure:"higher"`
	Bachelor  string `mapstructure:"bachelor"`
	// SecondaryOtherCitiesShare is the share of a city-market level's
	// graduates who work in the province's other cities.
	SecondaryOtherCitiesShare float64 `mapstructure:"secondary_other_cities_share"`
}

// Score chooses how the indicators are weighted.
type Score struct {
	// Weighting is WeightingPolicy (PolicyWeights, the default),
	// WeightingEntropy (weights computed from the data) or WeightingConfig
	// (Weights as given).
	Weighting string `mapstructure:"weighting"`
	// Weights by indicator, read only with WeightingConfig; a weight of 0
	// leaves its indicator out.
	Weights map[string]float64 `mapstructure:"weights"`
}

// The values of score.weighting.
const (
	WeightingPolicy  = "policy"
	WeightingEntropy = "entropy"
	WeightingConfig  = "config"
)

// PolicyWeights are the indicator weights of score.weighting policy, set
// from the policy (POLICY.md (八): programs are judged by how they match
// demand and by their graduates' employment; docs/models.md §4 gives the
// source of each). They sum to 1: demand match 0.50 (supply–demand ratio
// 0.30, demand growth 0.10, plan priority 0.10), employment quality 0.45
// (placement 0.20, employment 0.10, match 0.10, relative salary 0.05),
// intake trend 0.05.
var PolicyWeights = map[string]float64{
	"supply_demand_ratio": 0.30, // (八) 供给过剩: merge or close over-supplied programs
	"placement_rate":      0.20, // (八) 就业率低; the Ministry's 60 % rule, measured by placement
	"employment_rate":     0.10, // (八) 就业率低: employment apart from further study
	"match_rate":          0.10, // (八) a program system that maps tightly onto the industry map (对口)
	"relative_salary":     0.05, // employment quality the policy does not name: small
	"intake_trend":        0.05, // not a criterion of the policy; the intake is what the plan decides: small
	"demand_growth":       0.10, // (八) 职业岗位消失: jobs disappearing
	"plan_priority":       0.10, // (八) ahead of strategic emerging industries; programs in shortage
}

// ScoreWeights returns the indicator weights the scoring takes: a copy of
// PolicyWeights (WeightingPolicy), nil for entropy weights, or Weights
// (WeightingConfig).
func (s Score) ScoreWeights() map[string]float64 {
	switch s.Weighting {
	case WeightingPolicy:
		return maps.Clone(PolicyWeights)
	case WeightingConfig:
		return s.Weights
	}
	return nil
}

// movedKeys are keys that were config keys once, and the key that holds
// their value now: a file that sets one is told where it went.
var movedKeys = map[string]string{
	"rules.thresholds.supply_exceeds_demand": "match.slight_oversupply",
	"rules.thresholds.shortage_industry":     "match.slight_undersupply",
}

// Rules chooses the preset and sets its thresholds.
type Rules struct {
	Preset        string             `mapstructure:"preset"`
	GreenMinScore float64            `mapstructure:"green_min_score"`
	Thresholds    map[string]float64 `mapstructure:"thresholds"`
}

// Ingest configures dataset loading.
type Ingest struct {
	// MaxErrors bounds the errors listed for a rejected dataset.
	MaxErrors int `mapstructure:"max_errors"`
}

// Demo configures `vocmap demo`.
type Demo struct {
	// Out is the demo's folder.
	Out string `mapstructure:"out"`
	// Period is the demo's period, YYYY-MM.
	Period string `mapstructure:"period"`
}

// Source tells where an effective value came from.
type Source struct {
	Key   string
	Value any
	// From is "default", "file", "env" or "flag".
	From string
	// Detail names the file, variable or flag.
	Detail string
}

// LoadOptions says where Load looks besides the defaults.
type LoadOptions struct {
	// File is the config file from --config ("" looks for DefaultFile in
	// the working directory).
	File string
	// Flags are the parsed command-line flags; a flag whose name is a key
	// with '_' written '-' (log-format -> log_format) sets that key when
	// the user gave it.
	Flags *pflag.FlagSet
	// LookupEnv reads the environment (default os.LookupEnv).
	LookupEnv func(string) (string, bool)
	// Check, if set, runs after Validate with the checks that need more
	// than this package knows (rule presets, forecasting methods); its
	// errors are reported with Load's own.
	Check Check
}

// Error is a configuration problem: an unknown key, a value of the wrong
// type or outside its allowed values. It names where the value came from.
// Msg is the English text; Code and Args name the same message for a
// translation (cmd/vocmap prints it in the user's language): Args are the
// values Msg quotes, in the order the translation takes them.
type Error struct {
	Where string // file path, env variable or flag
	Key   string
	Msg   string
	Code  string
	Args  []any
}

// newError returns an *Error whose Msg is format filled with args and
// whose Code is code.
func newError(where, key, code, format string, args ...any) *Error {
	return &Error{Where: where, Key: key, Msg: fmt.Sprintf(format, args...), Code: code, Args: args}
}

// Check is an extra check of a loaded Config that Load runs with its own
// (LoadOptions.Check): where names the source of a key, as in Error.Where.
type Check func(c *Config, where func(key string) string) []error

func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("config: %s: %s", e.Where, e.Msg)
	}
	return fmt.Sprintf("config: %s: %s: %s", e.Where, e.Key, e.Msg)
}

// Load builds the effective Config from v (a fresh viper.New()) and opts,
// checks that the file names only known keys, validates the result, and
// returns each key's source.
func Load(v *viper.Viper, opts LoadOptions) (*Config, []Source, error) {
	lookup := opts.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	defaults := map[string]any{}
	if err := yaml.Unmarshal(defaultsYAML, &defaults); err != nil {
		return nil, nil, fmt.Errorf("config: embedded defaults: %w", err)
	}
	flat := map[string]any{}
	flatten("", defaults, flat)
	keys := make([]string, 0, len(flat))
	for k, val := range flat {
		v.SetDefault(k, val)
		keys = append(keys, k)
	}
	sort.Strings(keys)

	file := opts.File
	if file == "" {
		if _, err := os.Stat(DefaultFile); err == nil {
			file = DefaultFile
		}
	}
	// Every problem is collected and reported at once: unknown keys in
	// the file, values of the wrong type, values out of range.
	var errs []error
	fileKeys := map[string]bool{}
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, nil, newError(file, "", "read", "%s", err.Error())
		}
		inFile := map[string]any{}
		if err := yaml.Unmarshal(b, &inFile); err != nil {
			return nil, nil, newError(file, "", "yaml", "not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
		ff := map[string]any{}
		flatten("", inFile, ff)
		var unknown []string
		for k := range ff {
			if _, ok := flat[k]; !ok {
				unknown = append(unknown, k)
			}
			fileKeys[k] = true
		}
		sort.Strings(unknown)
		for _, k := range unknown {
			errs = append(errs, unknownKey(file, k, suggestKey(k, keys)))
		}
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, nil, newError(file, "", "yaml", "not valid YAML: %s", err.Error())
		}
	}
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	flagFor := map[string]*pflag.Flag{}
	if opts.Flags != nil {
		for _, k := range keys {
			if f := opts.Flags.Lookup(strings.ReplaceAll(k, "_", "-")); f != nil {
				if err := v.BindPFlag(k, f); err != nil {
					return nil, nil, err
				}
				flagFor[k] = f
			}
		}
	}
	sources := make([]Source, 0, len(keys))
	for _, k := range keys {
		src := Source{Key: k, Value: v.Get(k), From: "default", Detail: "defaults.yaml"}
		env := EnvVar(k)
		switch {
		case flagFor[k] != nil && flagFor[k].Changed:
			src.From, src.Detail = "flag", "--"+flagFor[k].Name
		case envSet(lookup, env):
			src.From, src.Detail = "env", env
		case fileKeys[k]:
			src.From, src.Detail = "file", file
		}
		sources = append(sources, src)
	}
	cfg, typeErrs, err := decodeConfig(v, keys, flat, len(errs) == 0, func(k string) string { return where(sources, k) })
	if err != nil {
		return nil, nil, err
	}
	errs = append(errs, typeErrs...)
	if err := cfg.Validate(sources); err != nil {
		errs = append(errs, unjoin(err)...)
	}
	if opts.Check != nil {
		errs = append(errs, opts.Check(cfg, func(key string) string { return where(sources, key) })...)
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return cfg, sources, nil
}

// decodeConfig decodes v into a Config; Load and Scenario.Apply share it.
// A value of the wrong type is reported for its key, at where(key), and
// fallback[key] stands in for it so that the other keys are still
// checked. exact rejects keys that are not Config fields (Load decodes
// leniently once it has reported the file's unknown keys). The error is
// a failure to decode that no key explains.
func decodeConfig(v *viper.Viper, keys []string, fallback map[string]any, exact bool, where func(string) string) (*Config, []error, error) {
	var cfg Config
	decode := v.Unmarshal
	if exact {
		decode = v.UnmarshalExact
	}
	derr := decode(&cfg)
	if derr == nil {
		return &cfg, nil, nil
	}
	var errs []error
	for _, k := range keys {
		one := viper.New()
		one.Set(k, v.Get(k))
		var c Config
		if one.Unmarshal(&c) == nil {
			continue
		}
		errs = append(errs, newError(where(k), k, "type", "%q: must be %s", fmt.Sprint(v.Get(k)), describeType(fieldType(k))))
		v.Set(k, fallback[k])
	}
	if len(errs) == 0 {
		return nil, nil, newError("config", "", "decode", "%v", derr)
	}
	cfg = Config{}
	if err := v.Unmarshal(&cfg); err != nil {
		return nil, nil, newError("config", "", "decode", "%v", err)
	}
	return &cfg, errs, nil
}

// unknownKey reports a key that is not a config key, with the nearest
// known one ("" if none is near), or the key that replaced it.
func unknownKey(where, key, near string) *Error {
	if to, ok := movedKeys[key]; ok {
		return movedKey(where, key, to)
	}
	if near == "" {
		return newError(where, key, "unknown_key", "unknown key")
	}
	return newError(where, key, "unknown_key_near", "unknown key (did you mean %q?)", near)
}

// movedKey reports a key whose value another key holds now.
func movedKey(where, key, to string) *Error {
	return newError(where, key, "moved_key", "no longer a key: the threshold is %s (one definition for the bands, the rules and the plan)", to)
}

// where names the source of key's value, or for a section the source of
// the first of its keys not set by default ("config" if sources do not
// say).
func where(sources []Source, key string) string {
	for _, s := range sources {
		if s.Key == key {
			return s.From + " " + s.Detail
		}
	}
	for _, s := range sources {
		if strings.HasPrefix(s.Key, key+".") && s.From != "default" {
			return s.From + " " + s.Detail
		}
	}
	return "config"
}

// unjoin lists the errors err joins (err alone if it joins none).
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func envSet(lookup func(string) (string, bool), name string) bool {
	_, ok := lookup(name)
	return ok
}

// EnvVar returns the environment variable that sets key.
func EnvVar(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

var rePeriod = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// Validate checks every value; sources (may be nil) name where a bad
// value came from.
func (c *Config) Validate(sources []Source) error {
	var errs []error
	bad := func(key, code, format string, args ...any) {
		errs = append(errs, newError(where(sources, key), key, code, format, args...))
	}
	if c.Warehouse == "" {
		bad("warehouse", "empty", "must not be empty")
	}
	if c.Lang != "zh" && c.Lang != "en" {
		bad("lang", "either", "%q: must be %s or %s", c.Lang, "zh", "en")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log_format", "either", "%q: must be %s or %s", c.LogFormat, "text", "json")
	}
	if c.Wait < 0 {
		bad("wait", "negative", "%s: must not be negative", c.Wait)
	}
	if c.Ingest.MaxErrors < 1 {
		bad("ingest.max_errors", "min", "%d: must be ≥ %d", c.Ingest.MaxErrors, 1)
	}
	if c.Demo.Out == "" {
		bad("demo.out", "empty", "must not be empty")
	}
	if !rePeriod.MatchString(c.Demo.Period) {
		bad("demo.period", "period", "%q: must be YYYY-MM", c.Demo.Period)
	}
	if c.Run.Out == "" {
		bad("run.out", "empty", "must not be empty")
	}
	if c.Run.Horizon < 2000 || c.Run.Horizon > 2100 {
		bad("run.horizon", "year", "%d: must be a year between %d and %d", c.Run.Horizon, 2000, 2100)
	}
	if c.Run.Draws < 10 || c.Run.Draws > 100000 {
		bad("run.draws", "range", "%v: must be between %v and %v", c.Run.Draws, 10, 100000)
	}
	fraction := func(key string, x float64) {
		if !(x >= 0 && x <= 1) {
			bad(key, "range", "%v: must be between %v and %v", x, 0, 1)
		}
	}
	for k, x := range c.Demand.ReplacementRate {
		fraction("demand.replacement_rate."+k, x)
	}
	for k, m := range c.Demand.VocationalShare {
		for l, x := range m {
			fraction("demand.vocational_share."+k+"."+l, x)
		}
	}
	fraction("demand.postings_weight", c.Demand.PostingsWeight)
	fraction("demand.postings_cap", c.Demand.PostingsCap)
	if g := c.Demand.Growth; g != GrowthTrend && g != GrowthPlanTargets {
		bad("demand.growth", "one_of", "%q: must be one of %s", g, "trend, plan_targets")
	}
	fraction("supply.default_completion", c.Supply.DefaultCompletion)
	fraction("supply.default_further_study", c.Supply.DefaultFurtherStudy)
	fraction("supply.default_stay", c.Supply.DefaultStay)
	fraction("match.min_weight", c.Match.MinWeight)
	for key, v := range map[string]string{"market.secondary": c.Market.Secondary, "market.higher": c.Market.Higher, "market.bachelor": c.Market.Bachelor} {
		if v != "city" && v != "province" {
			bad(key, "one_of", "%q: must be one of %s", v, "city, province")
		}
	}
	fraction("market.secondary_other_cities_share", c.Market.SecondaryOtherCitiesShare)
	fraction("match.priority_weight", c.Match.PriorityWeight)
	if m := c.Match; !(m.Shortage > 0 && m.Shortage < m.SlightUndersupply && m.SlightUndersupply < m.Balanced && m.Balanced < m.SlightOversupply) {
		bad("match", "match_order", "the thresholds must increase: 0 < shortage < slight_undersupply < balanced < slight_oversupply")
	}
	sum := 0.0
	for k, x := range c.Score.Weights {
		if !(x >= 0) {
			bad("score.weights."+k, "min", "%v: must be ≥ %v", x, 0)
		}
		sum += x
	}
	switch c.Score.Weighting {
	case WeightingEntropy, WeightingPolicy:
		if sum > 0 {
			bad("score.weights", "weights_unused", "set, but not used with score.weighting %s: set score.weighting to %s to use them, or the weights to 0", c.Score.Weighting, WeightingConfig)
		}
	case WeightingConfig:
		if !(sum > 0) {
			bad("score.weights", "weights_zero", "all 0 with score.weighting %s: give at least one indicator a weight above 0, or set score.weighting to %s", WeightingConfig, WeightingEntropy)
		}
	default:
		bad("score.weighting", "one_of", "%q: must be one of %s", c.Score.Weighting, "policy, entropy, config")
	}
	fraction("rules.green_min_score", c.Rules.GreenMinScore)
	fraction("plan.total_change", c.Plan.TotalChange)
	fraction("plan.cell_change", c.Plan.CellChange)
	fraction("plan.bachelor_share", c.Plan.BachelorShare)
	if !(c.Plan.ChangePenalty >= 0 && c.Plan.BachelorPenalty >= 0) {
		bad("plan", "penalties", "penalties must be ≥ 0")
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].(*Error).Key < errs[j].(*Error).Key })
	return errors.Join(errs...)
}

func flatten(prefix string, m map[string]any, out map[string]any) {
	for k, val := range m {
		key := strings.ToLower(k)
		if prefix != "" {
			key = prefix + "." + key
		}
		if sub, ok := val.(map[string]any); ok && len(sub) > 0 {
			flatten(key, sub, out)
			continue
		}
		out[key] = val
	}
}

// suggest proposes the known key nearest to an unknown one, when one is
// within two edits: " (did you mean "key"?)", or "".
func suggest(k string, keys []string) string {
	best := suggestKey(k, keys)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// suggestKey returns the known key nearest to k within two edits, or "".
func suggestKey(k string, keys []string) string {
	best, bestD := "", 3
	for _, known := range keys {
		if d := editDistance(k, known); d < bestD {
			best, bestD = known, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
