package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// A scenario file (docs/scenarios.md) describes a "what if" run: shocks to
// the growth of industries' employment, changes to programs' intake, and
// overrides of model parameters. ParseScenario checks it against the
// schema and Apply turns its parameters into a Config.

// Shock adds Growth to the annual employment growth rate of Industry in
// Region in the years From to To (both included).
type Shock struct {
	// Industry is a GB/T 4754-2017 section letter (C) or section letter
	// and 2-digit division (C36), upper-case.
	Industry string
	// Region is a 6-digit GB/T 2260 city code, or a province code meaning
	// every city of the province.
	Region string
	// Growth is added to the growth rate: 0.05 is 5 percentage points
	// faster; it is greater than -1 and at most 1.
	Growth float64
	// From and To are the first and last years of the shock.
	From, To int
	// Line is the line of the shock in its file (0 if not from a file).
	Line int
}

// IntakeChange adds Change seats (removes them when negative) to the yearly
// intake of Program in Region from the year From on.
type IntakeChange struct {
	// Program is a 6-digit program code.
	Program string
	// Region is a 6-digit city code, or a province code: the change is
	// then spread over the province's cities by their current intake.
	Region string
	// Change is the number of seats added each year.
	Change float64
	// From is the first year of the change.
	From int
	// Line is the line of the change in its file (0 if not from a file).
	Line int
}

// Scenario is a parsed scenario file.
type Scenario struct {
	// Name identifies the scenario's runs: 1 to 40 of a-z, 0-9, _ and -.
	Name string
	// Description is free text for the reports.
	Description string
	// Shocks change industries' employment growth.
	Shocks []Shock
	// Intake changes programs' intake.
	Intake []IntakeChange
	// Parameters overrides config values: flattened dotted lower-case keys
	// ("rules.preset") to values of the config field's Go type (string,
	// float64, int, ...). Nil when the file gives none.
	Parameters map[string]any
	// Draws is the number of Monte Carlo draws (0: not given).
	Draws int
	// Seed seeds the simulations when HasSeed.
	Seed    uint64
	HasSeed bool
	// File is the file the scenario was read from.
	File string

	// lines maps the config keys the scenario sets (parameters, run.draws,
	// run.seed) to their lines in File.
	lines map[string]int
}

// Limits of scenario values.
const (
	minYear, maxYear   = 2000, 2100
	minDraws, maxDraws = 10, 100000
)

var (
	reScenarioName = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)
	reCode6        = regexp.MustCompile(`^[0-9]{6}$`)
	reIndustry     = regexp.MustCompile(`^[A-T]([0-9]{2})?$`)
	reYAMLLine     = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)
)

var (
	scenarioKeys = []string{"name", "description", "shocks", "intake", "parameters", "draws", "seed"}
	shockKeys    = []string{"industry", "region", "growth", "from", "to"}
	intakeKeys   = []string{"program", "region", "change", "from"}
)

// notParameters are the config keys (and sections) a scenario may not
// set, with the reason.
var notParameters = []struct{ key, code, why string }{
	{"warehouse", "operational", "an operational setting, not a scenario parameter: set it in vocmap.yaml, the environment or a flag"},
	{"lang", "operational", "an operational setting, not a scenario parameter: set it in vocmap.yaml, the environment or a flag"},
	{"log_format", "operational", "an operational setting, not a scenario parameter: set it in vocmap.yaml, the environment or a flag"},
	{"quiet", "operational", "an operational setting, not a scenario parameter: set it in vocmap.yaml, the environment or a flag"},
	{"wait", "operational", "an operational setting, not a scenario parameter: set it in vocmap.yaml, the environment or a flag"},
	{"demo", "demo_section", "configures vocmap demo, not a scenario parameter"},
	{"ingest", "ingest_section", "configures vocmap ingest, not a scenario parameter"},
	{"run.out", "operational", "an operational setting, not a scenario parameter: set it in vocmap.yaml, the environment or a flag"},
	{"run.draws", "top_draws", "set it with the scenario's top-level draws"},
	{"run.seed", "top_seed", "set it with the scenario's top-level seed"},
}

// paramKeys lists the config keys a scenario may set (the leaves of the
// embedded defaults, less notParameters) and their sections.
var paramKeys = sync.OnceValues(func() (*keySet, error) {
	defaults := map[string]any{}
	if err := yaml.Unmarshal(defaultsYAML, &defaults); err != nil {
		return nil, fmt.Errorf("config: embedded defaults: %w", err)
	}
	flat := map[string]any{}
	flatten("", defaults, flat)
	ks := &keySet{leaf: map[string]reflect.Type{}, section: map[string]bool{}}
	for k := range flat {
		if code, _ := notParameter(k); code != "" {
			continue
		}
		t := fieldType(k)
		if t == nil {
			return nil, fmt.Errorf("config: embedded defaults: %s is not a Config field", k)
		}
		ks.leaf[k] = t
		ks.names = append(ks.names, k)
		for i := strings.LastIndexByte(k, '.'); i > 0; i = strings.LastIndexByte(k[:i], '.') {
			if !ks.section[k[:i]] {
				ks.section[k[:i]] = true
				ks.names = append(ks.names, k[:i])
			}
		}
	}
	sort.Strings(ks.names)
	return ks, nil
})

type keySet struct {
	leaf    map[string]reflect.Type // key -> Go type of its Config field
	section map[string]bool
	names   []string // leaves and sections, for suggestions
}

// suggest proposes a known key for an unknown one: the nearest within two
// edits, or the only key ending in "."+k (preset -> rules.preset); "" if
// there is none.
func (ks *keySet) suggest(k string) string {
	if s := suggestKey(k, ks.names); s != "" {
		return s
	}
	var found []string
	for _, n := range ks.names {
		if strings.HasSuffix(n, "."+k) {
			found = append(found, n)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

// notParameter says why a scenario may not set key (code and text), or
// returns two empty strings.
func notParameter(key string) (code, why string) {
	for _, np := range notParameters {
		if key == np.key || strings.HasPrefix(key, np.key+".") {
			return np.code, np.why
		}
	}
	return "", ""
}

// unknownParameter reports a key that is not a config key, at where.
func unknownParameter(where, key, near string) *Error {
	if near == "" {
		return newError(where, key, "unknown_config_key", "unknown config key")
	}
	return newError(where, key, "unknown_config_key_near", "unknown config key (did you mean %q?)", near)
}

// fieldType returns the Go type of the Config field a dotted key names,
// following mapstructure tags and map values; nil if there is none.
func fieldType(key string) reflect.Type {
	t := reflect.TypeFor[Config]()
	for part := range strings.SplitSeq(key, ".") {
		switch t.Kind() {
		case reflect.Struct:
			f, ok := structField(t, part)
			if !ok {
				return nil
			}
			t = f.Type
		case reflect.Map:
			if t.Key().Kind() != reflect.String {
				return nil
			}
			t = t.Elem()
		default:
			return nil
		}
	}
	return t
}

func structField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && fieldName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// fieldName is the key of a struct field as mapstructure names it.
func fieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
	if name == "" {
		name = f.Name
	}
	return strings.ToLower(name)
}

// LoadScenario reads and parses a scenario file.
func LoadScenario(path string) (*Scenario, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, newError(path, "", "read", "%s", err.Error())
	}
	return ParseScenario(path, b)
}

// ParseScenario parses the scenario in b, read from file (used in errors).
// It checks every value and returns all problems joined, each an *Error
// whose Where is "file:line".
func ParseScenario(file string, b []byte) (*Scenario, error) {
	p := &scenarioParser{file: file}
	s := p.parse(b)
	if len(p.errs) > 0 {
		// Report in the order of the file.
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].line < p.errs[j].line })
		errs := make([]error, len(p.errs))
		for i, e := range p.errs {
			errs[i] = e.err
		}
		return nil, errors.Join(errs...)
	}
	return s, nil
}

type scenarioParser struct {
	file string
	errs []lineError
}

type lineError struct {
	line int
	err  error
}

func (p *scenarioParser) add(line int, err error) {
	p.errs = append(p.errs, lineError{line, err})
}

func (p *scenarioParser) where(n *yaml.Node) string {
	if n == nil || n.Line == 0 {
		return p.file
	}
	return fmt.Sprintf("%s:%d", p.file, n.Line)
}

func (p *scenarioParser) bad(n *yaml.Node, key, code, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	p.add(line, newError(p.where(n), key, code, format, args...))
}

func (p *scenarioParser) yamlError(err error) {
	msg := err.Error()
	if m := reYAMLLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.add(line, newError(p.file+":"+m[1], "", "yaml", "not valid YAML: %s", m[2]))
		return
	}
	p.add(0, newError(p.file, "", "yaml", "not valid YAML: %s", strings.TrimPrefix(msg, "yaml: ")))
}

func (p *scenarioParser) parse(b []byte) *Scenario {
	s := &Scenario{File: p.file}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.add(1, newError(p.file+":1", "name", "empty_file", "missing (the file is empty)"))
		} else {
			p.yamlError(err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		p.yamlError(err)
	default:
		p.bad(&extra, "", "second_document", "a scenario file holds one YAML document; this is a second one")
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			p.add(1, newError(p.file+":1", "name", "empty_file", "missing (the file is empty)"))
			return nil
		}
		root = root.Content[0]
	}
	top, ok := p.mapping(resolve(root), "", scenarioKeys, "the scenario")
	if !ok {
		return nil
	}
	if n := top["name"]; n == nil {
		p.bad(root, "name", "name_missing", "missing (the scenario's name: 1 to 40 characters a-z, 0-9, _ or -)")
	} else if v, ok := p.str(n, "name"); ok {
		if !reScenarioName.MatchString(v) {
			p.bad(n, "name", "name_chars", "%q: must be 1 to 40 characters a-z, 0-9, _ or -", v)
		}
		s.Name = v
	}
	if n := top["description"]; n != nil && !isNull(n) {
		s.Description, _ = p.str(n, "description")
	}
	if n := top["shocks"]; n != nil {
		s.Shocks = p.shocks(n)
	}
	if n := top["intake"]; n != nil {
		s.Intake = p.intake(n)
	}
	s.lines = map[string]int{}
	if n := top["parameters"]; n != nil {
		s.Parameters = p.parameters(n, s.lines)
	}
	if n := top["draws"]; n != nil {
		if d, ok := p.whole(n, "draws"); ok {
			if d < minDraws || d > maxDraws {
				p.bad(n, "draws", "range", "%d: must be between %d and %d", d, minDraws, maxDraws)
			}
			s.Draws = int(d)
			s.lines["run.draws"] = resolve(n).Line
		}
	}
	if n := top["seed"]; n != nil {
		n = resolve(n)
		var seed uint64
		if p.scalar(n, "seed", "a whole number ≥ 0", "!!int") {
			if err := n.Decode(&seed); err != nil {
				p.bad(n, "seed", "seed_range", "%s: must be a whole number between 0 and %d", n.Value, uint64(math.MaxUint64))
			} else {
				s.Seed, s.HasSeed = seed, true
				s.lines["run.seed"] = n.Line
			}
		}
	}
	return s
}

func (p *scenarioParser) shocks(n *yaml.Node) []Shock {
	items := p.list(n, "shocks", "shocks")
	var out []Shock
	for i, it := range items {
		key := fmt.Sprintf("shocks[%d]", i)
		f, ok := p.mapping(it, key, shockKeys, "a shock")
		if !ok {
			continue
		}
		sh := Shock{Line: it.Line}
		if v := p.required(it, f, key, "industry", "the GB/T 4754 section (C) or division (C36)"); v != nil {
			if s, ok := p.str(v, key+".industry"); ok {
				sh.Industry = strings.ToUpper(s)
				if !reIndustry.MatchString(sh.Industry) {
					p.bad(v, key+".industry", "industry_code", "%q: must be a GB/T 4754 section letter A-T (C) or a section letter and a 2-digit division (C36)", s)
				}
			}
		}
		if v := p.required(it, f, key, "region", "the 6-digit code of a city or a province"); v != nil {
			sh.Region, _ = p.code(v, key+".region", "a city or a province")
		}
		if v := p.required(it, f, key, "growth", "the change of the annual growth rate, e.g. 0.05"); v != nil {
			if g, ok := p.number(v, key+".growth"); ok {
				switch {
				case !(g > -1):
					p.bad(v, key+".growth", "growth_low", "%v: must be greater than -1 (-1 would remove every job in the first year)", g)
				case g > 1:
					p.bad(v, key+".growth", "growth_high", "%v: must be at most 1: it is a rate, write 0.05 for 5 percentage points", g)
				}
				sh.Growth = g
			}
		}
		sh.From = p.year(it, f, key, "from", "the first year of the shock")
		sh.To = p.year(it, f, key, "to", "the last year of the shock")
		if sh.From != 0 && sh.To != 0 && sh.From > sh.To {
			p.bad(f["to"], key+".to", "to_before_from", "%d: must not be before from (%d)", sh.To, sh.From)
		}
		out = append(out, sh)
	}
	return out
}

func (p *scenarioParser) intake(n *yaml.Node) []IntakeChange {
	items := p.list(n, "intake", "intake changes")
	var out []IntakeChange
	for i, it := range items {
		key := fmt.Sprintf("intake[%d]", i)
		f, ok := p.mapping(it, key, intakeKeys, "an intake change")
		if !ok {
			continue
		}
		ic := IntakeChange{Line: it.Line}
		if v := p.required(it, f, key, "program", "the 6-digit program code"); v != nil {
			ic.Program, _ = p.code(v, key+".program", "a program")
		}
		if v := p.required(it, f, key, "region", "the 6-digit code of a city or a province"); v != nil {
			ic.Region, _ = p.code(v, key+".region", "a city or a province")
		}
		if v := p.required(it, f, key, "change", "the seats added each year (negative: removed)"); v != nil {
			ic.Change, _ = p.number(v, key+".change")
		}
		ic.From = p.year(it, f, key, "from", "the first year of the change")
		out = append(out, ic)
	}
	return out
}

// parameters flattens the parameters mapping into dotted keys, checking
// each key against the config's and each value against its field's type.
func (p *scenarioParser) parameters(n *yaml.Node, lines map[string]int) map[string]any {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.bad(n, "parameters", "parameters_mapping", "must be a mapping of config keys, nested as in vocmap.yaml (e.g. rules: {preset: shanxi_2025}), not %s", describe(n))
		return nil
	}
	ks, err := paramKeys()
	if err != nil {
		p.add(0, err)
		return nil
	}
	out := map[string]any{}
	p.walkParameters(n, "", ks, out, lines)
	if len(out) == 0 {
		return nil
	}
	return out
}

func (p *scenarioParser) walkParameters(n *yaml.Node, prefix string, ks *keySet, out map[string]any, lines map[string]int) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], resolve(n.Content[i+1])
		if kn.Kind != yaml.ScalarNode {
			p.bad(kn, "parameters."+prefix, "key_name", "a key must be a name, not %s", describe(kn))
			continue
		}
		key := strings.ToLower(kn.Value)
		if prefix != "" {
			key = prefix + "." + key
		}
		name := "parameters." + key
		if first, ok := lines[key]; ok {
			p.bad(kn, name, "twice", "given twice (first at line %d)", first)
			continue
		}
		if code, why := notParameter(key); code != "" {
			p.bad(kn, name, code, "%s", why)
			continue
		}
		t, leaf := ks.leaf[key]
		switch {
		case vn.Kind == yaml.MappingNode && ks.section[key]:
			p.walkParameters(vn, key, ks, out, lines)
		case vn.Kind == yaml.MappingNode && leaf:
			p.bad(vn, name, "single_value", "must be a single value, not a mapping")
		case ks.section[key]:
			p.bad(vn, name, "is_section", "is a section: give its keys, nested under it (%s), not %s", strings.Join(children(ks, key), ", "), describe(vn))
		case !leaf:
			p.add(kn.Line, unknownParameter(p.where(kn), name, ks.suggest(key)))
		default:
			if v, ok := p.paramValue(vn, name, t); ok {
				out[key] = v
				lines[key] = kn.Line
			}
		}
	}
}

// children lists up to three keys directly under a section, for messages.
func children(ks *keySet, section string) []string {
	var out []string
	for _, n := range ks.names {
		if rest, ok := strings.CutPrefix(n, section+"."); ok && !strings.Contains(rest, ".") {
			out = append(out, rest)
		}
	}
	if len(out) > 3 {
		out = append(out[:3], "...")
	}
	return out
}

// paramValue decodes a parameter's node into the Go type t of its field.
// viper decodes weakly (5 becomes "5"), so the type is checked here.
func (p *scenarioParser) paramValue(n *yaml.Node, key string, t reflect.Type) (any, bool) {
	if t == reflect.TypeFor[time.Duration]() {
		if !p.scalar(n, key, "a duration such as 3m", "!!str") {
			return nil, false
		}
		d, err := time.ParseDuration(n.Value)
		if err != nil {
			p.bad(n, key, "duration", "%q: must be a duration such as 3m", n.Value)
			return nil, false
		}
		return d, true
	}
	switch t.Kind() {
	case reflect.String:
		v, ok := p.str(n, key)
		return v, ok
	case reflect.Bool:
		var b bool
		if !p.scalar(n, key, "true or false", "!!bool") || n.Decode(&b) != nil {
			return nil, false
		}
		return b, true
	case reflect.Float32, reflect.Float64:
		f, ok := p.number(n, key)
		if !ok {
			return nil, false
		}
		return reflect.ValueOf(f).Convert(t).Interface(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !p.scalar(n, key, "a whole number", "!!int") {
			return nil, false
		}
		v, ok := convertParam(t, yamlInt(n))
		if !ok {
			p.bad(n, key, "out_of_range", "%s: out of range", n.Value)
		}
		return v, ok
	}
	p.bad(n, key, "not_settable", "cannot be set by a scenario")
	return nil, false
}

// yamlInt decodes an !!int node as int64 or, when it is too large, uint64
// (nil if neither).
func yamlInt(n *yaml.Node) any {
	var i int64
	if n.Decode(&i) == nil {
		return i
	}
	var u uint64
	if n.Decode(&u) == nil {
		return u
	}
	return nil
}

// convertParam converts a parameter value to the Go type t of its config
// field: numbers between numeric types when no precision is lost, strings
// and bools only from their own type. It reports false otherwise.
func convertParam(t reflect.Type, x any) (any, bool) {
	if x == nil {
		return nil, false
	}
	v := reflect.ValueOf(x)
	if v.Type() == t {
		return x, true
	}
	if t == reflect.TypeFor[time.Duration]() {
		if s, ok := x.(string); ok {
			d, err := time.ParseDuration(s)
			return d, err == nil
		}
		return nil, false
	}
	out := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		switch {
		case v.CanFloat():
			out.SetFloat(v.Float())
		case v.CanInt():
			out.SetFloat(float64(v.Int()))
		case v.CanUint():
			out.SetFloat(float64(v.Uint()))
		default:
			return nil, false
		}
		if math.IsInf(out.Float(), 0) || math.IsNaN(out.Float()) || out.OverflowFloat(out.Float()) {
			return nil, false
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var i int64
		switch {
		case v.CanInt():
			i = v.Int()
		case v.CanUint() && v.Uint() <= math.MaxInt64:
			i = int64(v.Uint())
		case v.CanFloat() && v.Float() == math.Trunc(v.Float()) && math.Abs(v.Float()) < 1<<63:
			i = int64(v.Float())
		default:
			return nil, false
		}
		if out.OverflowInt(i) {
			return nil, false
		}
		out.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		var u uint64
		switch {
		case v.CanUint():
			u = v.Uint()
		case v.CanInt() && v.Int() >= 0:
			u = uint64(v.Int())
		case v.CanFloat() && v.Float() >= 0 && v.Float() == math.Trunc(v.Float()) && v.Float() < 1<<64:
			u = uint64(v.Float())
		default:
			return nil, false
		}
		if out.OverflowUint(u) {
			return nil, false
		}
		out.SetUint(u)
	default:
		return nil, false
	}
	return out.Interface(), true
}

// describeType says what a value of Go type t is, for messages.
func describeType(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[time.Duration]():
		return "a duration such as 3m"
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	default:
		return "a whole number"
	}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		if n.Alias == nil {
			break
		}
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe says what a node holds, for messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind != yaml.ScalarNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!str":
		return strconv.Quote(n.Value)
	case "!!int", "!!float", "!!bool":
		return n.Value
	}
	return fmt.Sprintf("%s %q", n.ShortTag(), n.Value)
}

// mapping checks that n is a mapping of the known keys and returns the
// value of each key given; it reports unknown and repeated keys.
func (p *scenarioParser) mapping(n *yaml.Node, key string, known []string, what string) (map[string]*yaml.Node, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		p.bad(n, key, "mapping", "%s must be a mapping of %s, not %s", what, strings.Join(known, ", "), describe(n))
		return nil, false
	}
	out := map[string]*yaml.Node{}
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		name := kn.Value
		full := name
		if key != "" {
			full = key + "." + name
		}
		switch {
		case kn.Kind != yaml.ScalarNode:
			p.bad(kn, key, "key_name", "a key must be a name, not %s", describe(kn))
		case first[name] != 0:
			p.bad(kn, full, "twice", "given twice (first at line %d)", first[name])
		case !contains(known, name):
			p.add(kn.Line, unknownKey(p.where(kn), full, suggestKey(name, known)))
			first[name] = kn.Line
		default:
			out[name] = vn
			first[name] = kn.Line
		}
	}
	return out, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// list returns the items of a sequence (none when n is null).
func (p *scenarioParser) list(n *yaml.Node, key, what string) []*yaml.Node {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.bad(n, key, "list", "must be a list of %s, each item starting with \"- \", not %s", what, describe(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, it := range n.Content {
		out[i] = resolve(it)
	}
	return out
}

// required returns the value of a required field, reporting it when it
// is missing or empty.
func (p *scenarioParser) required(item *yaml.Node, f map[string]*yaml.Node, key, field, what string) *yaml.Node {
	v := f[field]
	if v == nil {
		p.bad(item, key+"."+field, "missing", "missing (%s)", what)
		return nil
	}
	if isNull(v) {
		p.bad(v, key+"."+field, "no_value", "has no value: give %s", what)
		return nil
	}
	return resolve(v)
}

// scalar checks that n is a scalar with one of the tags.
func (p *scenarioParser) scalar(n *yaml.Node, key, want string, tags ...string) bool {
	n = resolve(n)
	if n != nil && n.Kind == yaml.ScalarNode && contains(tags, n.ShortTag()) {
		return true
	}
	hint := ""
	if n != nil && n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && want != "a string" {
		if _, err := strconv.ParseFloat(strings.TrimSpace(n.Value), 64); err == nil {
			hint = " (remove the quotes)"
		}
	}
	p.bad(n, key, "type_node", "must be %s, not %s%s", want, describe(n), hint)
	return false
}

func (p *scenarioParser) str(n *yaml.Node, key string) (string, bool) {
	n = resolve(n)
	if n != nil && n.Kind == yaml.ScalarNode && n.ShortTag() != "!!str" && n.ShortTag() != "!!null" && n.Style == 0 {
		p.bad(n, key, "quote", "must be a string, not %s (quote it: \"%s\")", describe(n), n.Value)
		return "", false
	}
	if !p.scalar(n, key, "a string", "!!str") {
		return "", false
	}
	return n.Value, true
}

// code returns a 6-digit code; an unquoted number is taken as written.
func (p *scenarioParser) code(n *yaml.Node, key, what string) (string, bool) {
	if !p.scalar(n, key, "a 6-digit code", "!!str", "!!int") {
		return "", false
	}
	v := resolve(n).Value
	if !reCode6.MatchString(v) {
		p.bad(n, key, "code6", "%q: must be the 6-digit code of %s", v, what)
		return v, false
	}
	return v, true
}

func (p *scenarioParser) number(n *yaml.Node, key string) (float64, bool) {
	if !p.scalar(n, key, "a number", "!!int", "!!float") {
		return 0, false
	}
	var f float64
	if err := resolve(n).Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		p.bad(n, key, "finite", "%s: must be a finite number", resolve(n).Value)
		return 0, false
	}
	return f, true
}

func (p *scenarioParser) whole(n *yaml.Node, key string) (int64, bool) {
	if !p.scalar(n, key, "a whole number", "!!int") {
		return 0, false
	}
	var i int64
	if err := resolve(n).Decode(&i); err != nil || i < math.MinInt32 || i > math.MaxInt32 {
		p.bad(n, key, "out_of_range", "%s: out of range", resolve(n).Value)
		return 0, false
	}
	return i, true
}

// year returns a required year field, 0 when it is missing or bad.
func (p *scenarioParser) year(item *yaml.Node, f map[string]*yaml.Node, key, field, what string) int {
	v := p.required(item, f, key, field, what)
	if v == nil {
		return 0
	}
	y, ok := p.whole(v, key+"."+field)
	if !ok {
		return 0
	}
	if y < minYear || y > maxYear {
		p.bad(v, key+"."+field, "year", "%d: must be a year between %d and %d", y, minYear, maxYear)
		return 0
	}
	return int(y)
}

// MarshalYAML writes the scenario in its file format (yaml.Marshal(s)):
// parsing the result gives back the scenario, less its lines.
func (s *Scenario) MarshalYAML() (any, error) {
	type shock struct {
		Industry string  `yaml:"industry"`
		Region   string  `yaml:"region"`
		Growth   float64 `yaml:"growth"`
		From     int     `yaml:"from"`
		To       int     `yaml:"to"`
	}
	type intake struct {
		Program string  `yaml:"program"`
		Region  string  `yaml:"region"`
		Change  float64 `yaml:"change"`
		From    int     `yaml:"from"`
	}
	out := struct {
		Name        string         `yaml:"name"`
		Description string         `yaml:"description,omitempty"`
		Shocks      []shock        `yaml:"shocks,omitempty"`
		Intake      []intake       `yaml:"intake,omitempty"`
		Parameters  map[string]any `yaml:"parameters,omitempty"`
		Draws       int            `yaml:"draws,omitempty"`
		Seed        *uint64        `yaml:"seed,omitempty"`
	}{Name: s.Name, Description: s.Description, Draws: s.Draws}
	for _, sh := range s.Shocks {
		out.Shocks = append(out.Shocks, shock{sh.Industry, sh.Region, sh.Growth, sh.From, sh.To})
	}
	for _, ic := range s.Intake {
		out.Intake = append(out.Intake, intake{ic.Program, ic.Region, ic.Change, ic.From})
	}
	if len(s.Parameters) > 0 {
		out.Parameters = map[string]any{}
		keys := make([]string, 0, len(s.Parameters))
		for k := range s.Parameters {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			m := out.Parameters
			parts := strings.Split(k, ".")
			for _, part := range parts[:len(parts)-1] {
				sub, ok := m[part].(map[string]any)
				if !ok {
					sub = map[string]any{}
					m[part] = sub
				}
				m = sub
			}
			v := s.Parameters[k]
			if d, ok := v.(time.Duration); ok {
				v = d.String()
			}
			m[parts[len(parts)-1]] = v
		}
	}
	if s.HasSeed {
		out.Seed = &s.Seed
	}
	return out, nil
}

// Apply returns a copy of cfg with the scenario's parameters set, and its
// draws and seed as run.draws and run.seed, validated with Validate. cfg
// is not changed. Errors are *Error naming the scenario file and line and
// the scenario's key; a shock or intake change starting after run.horizon
// is an error too, as it would change nothing.
//
// The copy goes through the decoding Load uses: every value of cfg, then
// each override, is set in a fresh viper and decoded with UnmarshalExact
// into a new Config, so the result shares no map with cfg. viper decodes
// weakly (5 would become "5"), so the type of each override is checked
// against its Config field first. Preset names are not checked here: the
// caller looks them up.
func (s *Scenario) Apply(cfg *Config) (*Config, error) {
	if cfg == nil {
		return nil, newError(s.where(""), "", "no_config", "no config to apply the scenario to")
	}
	var errs []error
	v := viper.New()
	base := map[string]any{}
	leaves("", reflect.ValueOf(cfg).Elem(), base)
	for k, x := range base {
		v.Set(k, x)
	}
	if len(s.Parameters) > 0 {
		ks, err := paramKeys()
		if err != nil {
			return nil, err
		}
		keys := make([]string, 0, len(s.Parameters))
		for k := range s.Parameters {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			x := s.Parameters[k]
			bad := func(code, format string, args ...any) {
				errs = append(errs, newError(s.where(k), "parameters."+k, code, format, args...))
			}
			if code, why := notParameter(k); code != "" {
				bad(code, "%s", why)
				continue
			}
			t, ok := ks.leaf[k]
			if !ok {
				errs = append(errs, unknownParameter(s.where(k), "parameters."+k, ks.suggest(k)))
				continue
			}
			val, ok := convertParam(t, x)
			if !ok {
				bad("param_type", "must be %s, not %v (%s)", describeType(t), x, fmt.Sprintf("%T", x))
				continue
			}
			v.Set(k, val)
		}
	}
	if s.Draws != 0 {
		v.Set("run.draws", s.Draws)
	}
	if s.HasSeed {
		v.Set("run.seed", s.Seed)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out Config
	if err := v.UnmarshalExact(&out); err != nil {
		return nil, newError(s.where(""), "", "decode", "%v", err)
	}
	if err := out.Validate(nil); err != nil {
		errs = append(errs, s.relocate(err)...)
	}
	for i, sh := range s.Shocks {
		if sh.From > out.Run.Horizon {
			errs = append(errs, newError(s.whereLine(sh.Line), fmt.Sprintf("shocks[%d].from", i), "shock_after_horizon",
				"%d: after run.horizon (%d): the shock would change nothing", sh.From, out.Run.Horizon))
		}
	}
	for i, ic := range s.Intake {
		if ic.From > out.Run.Horizon {
			errs = append(errs, newError(s.whereLine(ic.Line), fmt.Sprintf("intake[%d].from", i), "intake_after_horizon",
				"%d: after run.horizon (%d): the change would change nothing", ic.From, out.Run.Horizon))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &out, nil
}

// leaves flattens a config value into dotted keys, by mapstructure names.
func leaves(prefix string, v reflect.Value, out map[string]any) {
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				leaves(join(fieldName(f)), v.Field(i), out)
			}
		}
	case reflect.Map:
		if v.Len() == 0 {
			return
		}
		for _, k := range v.MapKeys() {
			leaves(join(strings.ToLower(fmt.Sprint(k.Interface()))), v.MapIndex(k), out)
		}
	default:
		out[prefix] = v.Interface()
	}
}

// where names the line of the config key a scenario sets, or its file.
func (s *Scenario) where(key string) string {
	return s.whereLine(s.lines[key])
}

func (s *Scenario) whereLine(line int) string {
	file := s.File
	if file == "" {
		file = "scenario " + s.Name
	}
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// scenarioKey is the scenario's name of a config key it sets.
func (s *Scenario) scenarioKey(key string) (string, bool) {
	switch {
	case key == "run.draws" && s.Draws != 0:
		return "draws", true
	case key == "run.seed" && s.HasSeed:
		return "seed", true
	}
	if _, ok := s.Parameters[key]; ok {
		return "parameters." + key, true
	}
	return "", false
}

// relocate points Validate's errors about keys the scenario sets (or
// their sections, as for the match thresholds) at the scenario's lines.
func (s *Scenario) relocate(err error) []error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	set := make([]string, 0, len(s.Parameters)+2)
	for k := range s.Parameters {
		set = append(set, k)
	}
	set = append(set, "run.draws", "run.seed")
	sort.Strings(set)
	out := make([]error, 0, len(list))
	for _, e := range list {
		ce, ok := e.(*Error)
		if !ok {
			out = append(out, e)
			continue
		}
		c := *ce
		if name, ok := s.scenarioKey(c.Key); ok {
			c.Where, c.Key = s.where(c.Key), name
		} else {
			for _, k := range set {
				if _, ok := s.scenarioKey(k); ok && strings.HasPrefix(k, c.Key+".") {
					c.Where = s.where(k)
					c.Msg += fmt.Sprintf(" (the scenario sets %s)", k)
					c.Code += "+sets" // the translation adds the key, the last of Args
					c.Args = append(append([]any(nil), c.Args...), k)
					break
				}
			}
		}
		out = append(out, &c)
	}
	return out
}
