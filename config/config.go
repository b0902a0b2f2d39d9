package config

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

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
	// Ingest configures dataset loading.
	Ingest Ingest `mapstructure:"ingest"`
	// Demo configures `vocmap demo`.
	Demo Demo `mapstructure:"demo"`
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
}

// Error is a configuration problem: an unknown key, a value of the wrong
// type or outside its allowed values. It names where the value came from.
type Error struct {
	Where string // file path, env variable or flag
	Key   string
	Msg   string
}

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
	fileKeys := map[string]bool{}
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, &Error{Where: file, Msg: err.Error()}
		}
		inFile := map[string]any{}
		if err := yaml.Unmarshal(b, &inFile); err != nil {
			return nil, nil, &Error{Where: file, Msg: "not valid YAML: " + err.Error()}
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
		if len(unknown) > 0 {
			sort.Strings(unknown)
			var errs []error
			for _, k := range unknown {
				errs = append(errs, &Error{Where: file, Key: k, Msg: "unknown key" + suggest(k, keys)})
			}
			return nil, nil, errors.Join(errs...)
		}
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, nil, &Error{Where: file, Msg: err.Error()}
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
	var cfg Config
	if err := v.UnmarshalExact(&cfg); err != nil {
		return nil, nil, &Error{Where: "config", Msg: err.Error()}
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
	if err := cfg.Validate(sources); err != nil {
		return nil, nil, err
	}
	return &cfg, sources, nil
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
	where := func(key string) string {
		for _, s := range sources {
			if s.Key == key {
				return s.From + " " + s.Detail
			}
		}
		return "config"
	}
	var errs []error
	bad := func(key, msg string) { errs = append(errs, &Error{Where: where(key), Key: key, Msg: msg}) }
	if c.Warehouse == "" {
		bad("warehouse", "must not be empty")
	}
	if c.Lang != "zh" && c.Lang != "en" {
		bad("lang", fmt.Sprintf("%q: must be zh or en", c.Lang))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log_format", fmt.Sprintf("%q: must be text or json", c.LogFormat))
	}
	if c.Ingest.MaxErrors < 1 {
		bad("ingest.max_errors", fmt.Sprintf("%d: must be ≥ 1", c.Ingest.MaxErrors))
	}
	if c.Demo.Out == "" {
		bad("demo.out", "must not be empty")
	}
	if !rePeriod.MatchString(c.Demo.Period) {
		bad("demo.period", fmt.Sprintf("%q: must be YYYY-MM", c.Demo.Period))
	}
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
// within two edits.
func suggest(k string, keys []string) string {
	best, bestD := "", 3
	for _, known := range keys {
		if d := editDistance(k, known); d < bestD {
			best, bestD = known, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
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
