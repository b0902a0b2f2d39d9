package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
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

// The file's schema: structs the YAML library decodes. Their yaml tags
// are the one list of the file's keys (yamlKeys reads them for the key
// check). shocks and intake stay nodes, decoded item by item, so that a
// bad item keeps its place: yaml.v3 drops it from a []shockFile and the
// items after it would take its index. parameters stays a node: its keys
// are config keys (walkParameters).
type scenarioFile struct {
	Name        field[string] `yaml:"name"`
	Description field[string] `yaml:"description"`
	Shocks      yaml.Node     `yaml:"shocks"`
	Intake      yaml.Node     `yaml:"intake"`
	Parameters  yaml.Node     `yaml:"parameters"`
	Draws       field[int]    `yaml:"draws"`
	Seed        field[uint64] `yaml:"seed"`
}

type shockFile struct {
	Industry field[string]  `yaml:"industry"`
	Region   field[code]    `yaml:"region"`
	Growth   field[float64] `yaml:"growth"`
	From     field[int]     `yaml:"from"`
	To       field[int]     `yaml:"to"`
}

type intakeFile struct {
	Program field[code]    `yaml:"program"`
	Region  field[code]    `yaml:"region"`
	Change  field[float64] `yaml:"change"`
	From    field[int]     `yaml:"from"`
}

// code is a 6-digit code: a string, or an unquoted number taken as
// written.
type code string

// field is a scalar of a scenario file with its node. UnmarshalYAML
// decodes it with the YAML library into T once the node's YAML type is
// T's (scalarValue); otherwise err says what the node holds, for the
// check that knows the key to report. Node is nil when the key is absent
// or its value is null: the library does not call UnmarshalYAML for null.
type field[T any] struct {
	V    T
	Node *yaml.Node
	err  *Error
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (f *field[T]) UnmarshalYAML(n *yaml.Node) error {
	f.Node = n
	v, err := scalarValue(n, reflect.TypeFor[T]())
	if err != nil {
		f.err = err
		return nil
	}
	f.V = v.(T)
	return nil
}

// yamlKeys lists the keys of a file struct: its fields' yaml names.
func yamlKeys[T any]() []string {
	t := reflect.TypeFor[T]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i], _, _ = strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
	}
	return keys
}

// scalarValue decodes n with the YAML library into a new value of type t,
// once n's YAML type is t's. yaml.v3 alone is lenient: it takes 5 or true
// for a string and 2026.5 for the year 2026 (it truncates), and a quoted
// "0.05" is only an English message without the key. Here a string comes
// only from a string, a whole number only from an int, a number from an
// int or a float and must be finite, a duration from a string such as 3m,
// a code from a string or an int. The *Error (Where and Key left to the
// caller) says what n holds instead, with a hint where one helps.
func scalarValue(n *yaml.Node, t reflect.Type) (any, *Error) {
	n = resolve(n)
	tag := ""
	if n.Kind == yaml.ScalarNode {
		tag = n.ShortTag()
	}
	var ok bool
	switch k := t.Kind(); {
	case t == reflect.TypeFor[time.Duration](), t == reflect.TypeFor[code]():
		ok = tag == "!!str" || t == reflect.TypeFor[code]() && tag == "!!int"
	case k == reflect.String:
		if tag != "" && tag != "!!str" && tag != "!!null" && n.Style == 0 {
			return nil, newError("", "", "quote", "must be a string, not %s (quote it: \"%s\")", describe(n), n.Value)
		}
		ok = tag == "!!str"
	case k == reflect.Bool:
		ok = tag == "!!bool"
	case k == reflect.Float32 || k == reflect.Float64:
		ok = tag == "!!int" || tag == "!!float"
	case k >= reflect.Int && k <= reflect.Uint64:
		ok = tag == "!!int"
	}
	if !ok {
		hint := ""
		if tag == "!!str" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			if _, err := strconv.ParseFloat(strings.TrimSpace(n.Value), 64); err == nil {
				hint = " (remove the quotes)"
			}
		}
		return nil, newError("", "", "type_node", "must be %s, not %s%s", describeType(t), describe(n), hint)
	}
	v := reflect.New(t)
	err := n.Decode(v.Interface())
	switch k := t.Kind(); {
	case t == reflect.TypeFor[time.Duration]() && err != nil:
		return nil, newError("", "", "duration", "%q: must be a duration such as 3m", n.Value)
	case k >= reflect.Uint && k <= reflect.Uint64 && err != nil:
		return nil, newError("", "", "seed_range", "%s: must be a whole number between 0 and %d", n.Value, uint64(math.MaxUint64))
	case err != nil:
		return nil, newError("", "", "out_of_range", "%s: out of range", n.Value)
	case (k == reflect.Float32 || k == reflect.Float64) && (math.IsInf(v.Elem().Float(), 0) || math.IsNaN(v.Elem().Float())):
		return nil, newError("", "", "finite", "%s: must be a finite number", n.Value)
	}
	return v.Elem().Interface(), nil
}

// describeType says what a value of Go type t is, for messages (t nil: a
// key of the defaults that has no leaf in the decoded Config, such as an
// empty map).
func describeType(t reflect.Type) string {
	if t == nil {
		return "a valid value"
	}
	switch k := t.Kind(); {
	case t == reflect.TypeFor[time.Duration]():
		return "a duration such as 3m"
	case t == reflect.TypeFor[code]():
		return "a 6-digit code"
	case k == reflect.String:
		return "a string"
	case k == reflect.Bool:
		return "true or false"
	case k == reflect.Float32 || k == reflect.Float64:
		return "a number"
	case k >= reflect.Uint && k <= reflect.Uint64:
		return "a whole number ≥ 0"
	default:
		return "a whole number"
	}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// isNull reports a node that holds nothing: absent (nil or of no kind) or
// null.
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || n.Kind == 0 || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe says what a node holds, for messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case isNull(n):
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind != yaml.ScalarNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!str":
		return strconv.Quote(n.Value)
	case "!!int", "!!float", "!!bool":
		return n.Value
	}
	return fmt.Sprintf("%s %q", n.ShortTag(), n.Value)
}

// notParameters are the config keys (and sections) a scenario may not
// set, by the code of the reason; whyNot is the reason.
var notParameters = map[string]string{
	"warehouse": "operational", "lang": "operational", "log_format": "operational", "quiet": "operational",
	"wait": "operational", "run.out": "operational", "demo": "demo_section", "ingest": "ingest_section",
	"run.draws": "top_draws", "run.seed": "top_seed",
}

var whyNot = map[string]string{
	"operational":    "an operational setting, not a scenario parameter: set it in vocmap.yaml, the environment or a flag",
	"demo_section":   "configures vocmap demo, not a scenario parameter",
	"ingest_section": "configures vocmap ingest, not a scenario parameter",
	"top_draws":      "set it with the scenario's top-level draws",
	"top_seed":       "set it with the scenario's top-level seed",
}

// notParameter says why a scenario may not set key (code and text), or
// returns two empty strings. The text takes no arguments: an *Error of it
// has none (the translation of the code is the whole message).
func notParameter(key string) (code, why string) {
	for k := key; ; k = k[:strings.LastIndexByte(k, '.')] {
		if c, ok := notParameters[k]; ok {
			return c, whyNot[c]
		}
		if !strings.Contains(k, ".") {
			return "", ""
		}
	}
}

// defaultLeaves decodes the embedded defaults into a Config, as Load
// does, and flattens it (leaves): every key with its default value, of
// its Config field's Go type.
var defaultLeaves = sync.OnceValues(func() (map[string]any, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	var c Config
	if err := v.ReadConfig(bytes.NewReader(defaultsYAML)); err != nil {
		return nil, fmt.Errorf("config: embedded defaults: %w", err)
	}
	if err := v.UnmarshalExact(&c); err != nil {
		return nil, fmt.Errorf("config: embedded defaults: %w", err)
	}
	out := map[string]any{}
	leaves("", reflect.ValueOf(&c).Elem(), out)
	return out, nil
})

// fieldType returns the Go type of the Config field a dotted key of the
// defaults names (nil if it names none).
func fieldType(key string) reflect.Type {
	d, _ := defaultLeaves()
	if x, ok := d[key]; ok {
		return reflect.TypeOf(x)
	}
	return nil
}

// paramKeys lists the config keys a scenario may set (the leaves of the
// defaults, less notParameters) and their sections.
var paramKeys = sync.OnceValues(func() (*keySet, error) {
	d, err := defaultLeaves()
	if err != nil {
		return nil, err
	}
	ks := &keySet{leaf: map[string]reflect.Type{}, section: map[string]bool{}}
	for k, x := range d {
		if code, _ := notParameter(k); code != "" {
			continue
		}
		ks.leaf[k] = reflect.TypeOf(x)
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

// unknownParameter reports a key that is not a config key, at where.
func unknownParameter(where, key, near string) *Error {
	if near == "" {
		return newError(where, key, "unknown_config_key", "unknown config key")
	}
	return newError(where, key, "unknown_config_key_near", "unknown config key (did you mean %q?)", near)
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
// It checks every value and returns all problems joined, in the order of
// the file, each an *Error whose Where is "file:line".
//
// The YAML library decodes the file into typed structs (scenarioFile),
// each value checked for its YAML type as it is decoded (field,
// scalarValue). Before that, checkKeys walks each mapping's keys: yaml.v3
// reports unknown keys (with KnownFields) as English text without their
// key path or a hint, and a repeated key makes it skip the whole mapping,
// so that every other problem in it would go unreported. checkKeys
// reports them all with their lines and takes them out of the tree.
func ParseScenario(file string, b []byte) (*Scenario, error) {
	p := &scenarioParser{file: file}
	s := p.parse(b)
	if len(p.errs) > 0 {
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

func (p *scenarioParser) where(n *yaml.Node) string {
	if n == nil || n.Line == 0 {
		return p.file
	}
	return fmt.Sprintf("%s:%d", p.file, n.Line)
}

// report adds e, a problem of key at node n.
func (p *scenarioParser) report(n *yaml.Node, key string, e *Error) {
	e.Where, e.Key = p.where(n), key
	line := 0
	if n != nil {
		line = n.Line
	}
	p.errs = append(p.errs, lineError{line, e})
}

func (p *scenarioParser) bad(n *yaml.Node, key, code, format string, args ...any) {
	p.report(n, key, newError("", "", code, format, args...))
}

func (p *scenarioParser) yamlError(err error) {
	msg := err.Error()
	if m := reYAMLLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.report(&yaml.Node{Line: line}, "", newError("", "", "yaml", "not valid YAML: %s", m[2]))
		return
	}
	p.report(nil, "", newError("", "", "yaml", "not valid YAML: %s", strings.TrimPrefix(msg, "yaml: ")))
}

// document returns the root of the file's one YAML document, or nil after
// reporting why there is none.
func (p *scenarioParser) document(b []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc, extra yaml.Node
	err := dec.Decode(&doc)
	if err != nil && err != io.EOF {
		p.yamlError(err)
		return nil
	}
	if err == io.EOF || len(doc.Content) == 0 {
		p.bad(&yaml.Node{Line: 1}, "name", "empty_file", "missing (the file is empty)")
		return nil
	}
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		p.yamlError(err)
	default:
		p.bad(&extra, "", "second_document", "a scenario file holds one YAML document; this is a second one")
	}
	return doc.Content[0]
}

func (p *scenarioParser) parse(b []byte) *Scenario {
	root := p.document(b)
	if root == nil {
		return nil
	}
	if root = p.checkKeys(root, "", "the scenario", yamlKeys[scenarioFile]()); root == nil {
		return nil
	}
	var f scenarioFile
	if err := root.Decode(&f); err != nil { // no key or type problem is left: only the library's limits (aliases)
		p.yamlError(err)
		return nil
	}
	s := &Scenario{File: p.file, lines: map[string]int{}}
	if f.Name.Node == nil && valueOf(root, "name") == nil {
		p.bad(root, "name", "name_missing", "missing (the scenario's name: 1 to 40 characters a-z, 0-9, _ or -)")
	} else if v, ok := value(p, root, "name", "name", "", &f.Name); ok {
		if !reScenarioName.MatchString(v) {
			p.bad(f.Name.Node, "name", "name_chars", "%q: must be 1 to 40 characters a-z, 0-9, _ or -", v)
		}
		s.Name = v
	}
	if f.Description.Node != nil { // null is no description
		s.Description, _ = value(p, root, "description", "description", "", &f.Description)
	}
	for i, it := range p.items(&f.Shocks, "shocks", "shocks", "a shock", yamlKeys[shockFile]()) {
		var sf shockFile
		if key := fmt.Sprintf("shocks[%d]", i); it != nil && p.decode(it, &sf) {
			s.Shocks = append(s.Shocks, p.shock(it, key, &sf))
		}
	}
	for i, it := range p.items(&f.Intake, "intake", "intake changes", "an intake change", yamlKeys[intakeFile]()) {
		var inf intakeFile
		if key := fmt.Sprintf("intake[%d]", i); it != nil && p.decode(it, &inf) {
			s.Intake = append(s.Intake, p.intake(it, key, &inf))
		}
	}
	p.parameters(&f.Parameters, s)
	if d, ok := value(p, root, "draws", "draws", "", &f.Draws); ok {
		if d < minDraws || d > maxDraws {
			p.bad(f.Draws.Node, "draws", "range", "%d: must be between %d and %d", d, minDraws, maxDraws)
		}
		s.Draws, s.lines["run.draws"] = d, f.Draws.Node.Line
	}
	if seed, ok := value(p, root, "seed", "seed", "", &f.Seed); ok {
		s.Seed, s.HasSeed, s.lines["run.seed"] = seed, true, f.Seed.Node.Line
	}
	return s
}

func (p *scenarioParser) shock(it *yaml.Node, key string, f *shockFile) Shock {
	sh := Shock{Line: it.Line}
	if v, ok := value(p, it, "industry", key+".industry", "the GB/T 4754 section (C) or division (C36)", &f.Industry); ok {
		if sh.Industry = strings.ToUpper(v); !reIndustry.MatchString(sh.Industry) {
			p.bad(f.Industry.Node, key+".industry", "industry_code", "%q: must be a GB/T 4754 section letter A-T (C) or a section letter and a 2-digit division (C36)", v)
		}
	}
	sh.Region = p.code(it, "region", key+".region", "the 6-digit code of a city or a province", "a city or a province", &f.Region)
	if g, ok := value(p, it, "growth", key+".growth", "the change of the annual growth rate, e.g. 0.05", &f.Growth); ok {
		switch {
		case !(g > -1):
			p.bad(f.Growth.Node, key+".growth", "growth_low", "%v: must be greater than -1 (-1 would remove every job in the first year)", g)
		case g > 1:
			p.bad(f.Growth.Node, key+".growth", "growth_high", "%v: must be at most 1: it is a rate, write 0.05 for 5 percentage points", g)
		}
		sh.Growth = g
	}
	sh.From = p.year(it, "from", key+".from", "the first year of the shock", &f.From)
	sh.To = p.year(it, "to", key+".to", "the last year of the shock", &f.To)
	if sh.From != 0 && sh.To != 0 && sh.From > sh.To {
		p.bad(f.To.Node, key+".to", "to_before_from", "%d: must not be before from (%d)", sh.To, sh.From)
	}
	return sh
}

func (p *scenarioParser) intake(it *yaml.Node, key string, f *intakeFile) IntakeChange {
	ic := IntakeChange{Line: it.Line}
	ic.Program = p.code(it, "program", key+".program", "the 6-digit program code", "a program", &f.Program)
	ic.Region = p.code(it, "region", key+".region", "the 6-digit code of a city or a province", "a city or a province", &f.Region)
	ic.Change, _ = value(p, it, "change", key+".change", "the seats added each year (negative: removed)", &f.Change)
	ic.From = p.year(it, "from", key+".from", "the first year of the change", &f.From)
	return ic
}

// checkKeys checks the keys of n, which must be a mapping (what, of the
// known keys), and returns it, or nil after reporting what it is instead.
// It reports a key that is not a name, an unknown key (with the nearest
// known one) and a key given twice (with the line of the first), and
// takes them out of n: the library then decodes each known key once.
func (p *scenarioParser) checkKeys(n *yaml.Node, key, what string, known []string) *yaml.Node {
	if n = resolve(n); n == nil || n.Kind != yaml.MappingNode {
		p.bad(n, key, "mapping", "%s must be a mapping of %s, not %s", what, strings.Join(known, ", "), describe(n))
		return nil
	}
	first := map[string]int{}
	kept := make([]*yaml.Node, 0, len(n.Content))
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, name := n.Content[i], n.Content[i].Value
		full := name
		if key != "" {
			full = key + "." + name
		}
		switch {
		case kn.Kind != yaml.ScalarNode:
			p.bad(kn, key, "key_name", "a key must be a name, not %s", describe(kn))
		case first[name] != 0:
			p.bad(kn, full, "twice", "given twice (first at line %d)", first[name])
		case !slices.Contains(known, name):
			first[name] = kn.Line
			p.report(kn, full, unknownKey("", full, suggestKey(name, known)))
		default:
			first[name] = kn.Line
			kept = append(kept, kn, n.Content[i+1])
		}
	}
	n.Content = kept
	return n
}

// items returns the items of the list n (key), each checked by checkKeys
// (nil for an item that is not a mapping); none when n is absent or null.
func (p *scenarioParser) items(n *yaml.Node, key, what, itemWhat string, known []string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n = resolve(n); n.Kind != yaml.SequenceNode {
		p.bad(n, key, "list", "must be a list of %s, each item starting with \"- \", not %s", what, describe(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, it := range n.Content {
		out[i] = p.checkKeys(it, fmt.Sprintf("%s[%d]", key, i), itemWhat, known)
	}
	return out
}

// decode decodes the checked mapping n into the file struct v.
func (p *scenarioParser) decode(n *yaml.Node, v any) bool {
	if err := n.Decode(v); err != nil {
		p.yamlError(err)
		return false
	}
	return true
}

// valueOf returns the value of key in the mapping m (nil if absent).
func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// value returns the value of the field f (name in the mapping m, key in
// messages) when it is given and of its type, and reports it otherwise: a
// value of another type; a required field (what says what it holds)
// missing or null; an optional one null.
func value[T any](p *scenarioParser, m *yaml.Node, name, key, what string, f *field[T]) (v T, ok bool) {
	null := valueOf(m, name)
	switch {
	case f.err != nil:
		p.report(f.Node, key, f.err)
	case f.Node != nil:
		return f.V, true
	case what != "" && null != nil:
		p.bad(null, key, "no_value", "has no value: give %s", what)
	case what != "":
		p.bad(m, key, "missing", "missing (%s)", what)
	case null != nil:
		_, err := scalarValue(null, reflect.TypeFor[T]())
		p.report(null, key, err)
	}
	return v, false
}

// code returns a required 6-digit code; of names whose code it is, what
// is as value's.
func (p *scenarioParser) code(m *yaml.Node, name, key, what, of string, f *field[code]) string {
	c, ok := value(p, m, name, key, what, f)
	if ok && !reCode6.MatchString(string(c)) {
		p.bad(f.Node, key, "code6", "%q: must be the 6-digit code of %s", c, of)
	}
	return string(c)
}

// year returns a required year, 0 when it is missing or bad.
func (p *scenarioParser) year(m *yaml.Node, name, key, what string, f *field[int]) int {
	y, ok := value(p, m, name, key, what, f)
	if !ok {
		return 0
	}
	if y < minYear || y > maxYear {
		p.bad(f.Node, key, "year", "%d: must be a year between %d and %d", y, minYear, maxYear)
		return 0
	}
	return y
}

// parameters flattens the parameters mapping n into s.Parameters (dotted
// keys) and their lines into s.lines, checking each key against the
// config's and each value against its field's type.
func (p *scenarioParser) parameters(n *yaml.Node, s *Scenario) {
	if isNull(n) {
		return
	}
	if n = resolve(n); n.Kind != yaml.MappingNode {
		p.bad(n, "parameters", "parameters_mapping", "must be a mapping of config keys, nested as in vocmap.yaml (e.g. rules: {preset: shanxi_2025}), not %s", describe(n))
		return
	}
	ks, err := paramKeys()
	if err != nil {
		p.errs = append(p.errs, lineError{0, err})
		return
	}
	out := map[string]any{}
	p.walkParameters(n, "", ks, out, s.lines)
	if len(out) > 0 {
		s.Parameters = out
	}
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
			p.report(kn, name, &Error{Code: code, Msg: why})
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
			p.report(kn, name, unknownParameter("", name, ks.suggest(key)))
		default:
			if v, err := scalarValue(vn, t); err != nil {
				p.report(vn, name, err)
			} else {
				out[key], lines[key] = v, kn.Line
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
// The parameters go through Load's path: every value of cfg is a default
// of a fresh viper, each override is set over it, and decodeConfig and
// Validate make and check the new Config, which shares no map with cfg.
// viper decodes weakly (5 would become "5"), so each override is first
// checked for its Config field's type as a file's value is
// (scalarValue). Preset names are not checked here: the caller looks
// them up.
func (s *Scenario) Apply(cfg *Config) (*Config, error) {
	if cfg == nil {
		return nil, newError(s.where(""), "", "no_config", "no config to apply the scenario to")
	}
	ks, err := paramKeys()
	if err != nil {
		return nil, err
	}
	base := map[string]any{}
	leaves("", reflect.ValueOf(cfg).Elem(), base)
	v := viper.New()
	for k, x := range base {
		v.SetDefault(k, x)
	}
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(s.Parameters)) {
		x, name := s.Parameters[k], "parameters."+k
		t, ok := ks.leaf[k]
		code, why := notParameter(k)
		switch {
		case code != "":
			errs = append(errs, &Error{Where: s.where(k), Key: name, Code: code, Msg: why})
		case !ok:
			errs = append(errs, unknownParameter(s.where(k), name, ks.suggest(k)))
		default:
			val, ok := goValue(x, t)
			if !ok {
				errs = append(errs, newError(s.where(k), name, "param_type", "must be %s, not %v (%s)", describeType(t), x, fmt.Sprintf("%T", x)))
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
	out, typeErrs, err := decodeConfig(v, slices.Sorted(maps.Keys(base)), base, true, s.where)
	if err != nil {
		return nil, err
	}
	errs = append(errs, typeErrs...)
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
	return out, nil
}

// goValue checks a parameter set in Go (x) for the type t of its Config
// field as if it were written in a file, and returns it as a t.
func goValue(x any, t reflect.Type) (any, bool) {
	// yaml.Marshal writes a time.Duration as a string.
	if isString := reflect.ValueOf(x).Kind() == reflect.String; x == nil || isString != (t.Kind() == reflect.String) && t != reflect.TypeFor[time.Duration]() {
		return nil, false
	}
	var n yaml.Node
	b, err := yaml.Marshal(x)
	if err != nil || yaml.Unmarshal(b, &n) != nil || len(n.Content) != 1 {
		return nil, false
	}
	v, e := scalarValue(n.Content[0], t)
	return v, e == nil
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
				name, _, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
				leaves(join(strings.ToLower(cmp.Or(name, f.Name))), v.Field(i), out)
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
	set := append(slices.Sorted(maps.Keys(s.Parameters)), "run.draws", "run.seed")
	var out []error
	for _, e := range unjoin(err) {
		ce, ok := e.(*Error)
		if !ok {
			out = append(out, e)
			continue
		}
		c := *ce
		under := func(k string) bool { _, ok := s.scenarioKey(k); return ok && strings.HasPrefix(k, c.Key+".") }
		if name, ok := s.scenarioKey(c.Key); ok {
			c.Where, c.Key = s.where(c.Key), name
		} else if i := slices.IndexFunc(set, under); i >= 0 {
			c.Where = s.where(set[i])
			c.Msg += fmt.Sprintf(" (the scenario sets %s)", set[i])
			c.Code += "+sets" // the translation adds the key, the last of Args
			c.Args = append(slices.Clone(c.Args), set[i])
		}
		out = append(out, &c)
	}
	return out
}
