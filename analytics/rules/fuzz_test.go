package rules

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
)

// fuzzRows turns floats into rows, 10 floats a row: ratio, growth, score,
// three placement rates, three intakes, and a last value whose bits choose
// the scope (an unknown one too), the peer, the flags, the sites and how
// much of the series to keep.
func fuzzRows(v []float64) []Facts {
	scopes := []Scope{Province, City, School, "county"}
	var fs []Facts
	for len(v) >= 10 && len(fs) < 20 {
		u := math.Float64bits(v[9])
		f := Facts{
			Scope:          scopes[u%4],
			Peer:           string(rune('a' + (u>>2)%3)),
			Ratio:          v[0],
			DemandGrowth:   v[1],
			Score:          v[2],
			Placement:      slices.Clone(v[3+(u>>4)%4 : 6]),
			Intake:         slices.Clone(v[6+(u>>6)%4 : 9]),
			FeedsShortage:  u>>8&1 == 1,
			ControlList:    u>>9&1 == 1,
			EncouragedList: u>>10&1 == 1,
			Sites:          int((u>>11)%40) - 5,
		}
		fs = append(fs, f)
		v = v[10:]
	}
	return fs
}

// FuzzEvaluate checks that no facts make Evaluate or EvaluateAll panic and
// that every verdict is consistent: its reasons are codes of the preset,
// once each, ordered red, yellow, green and then by the preset; its
// signal agrees with them, with the escalations and with GreenMinScore,
// and has the matching Recommendation. EvaluateAll agrees with Evaluate
// for presets without relative rules, and does not depend on the order of
// the rows.
func FuzzEvaluate(f *testing.F) {
	f.Add(fuzzdata.Bytes(2, -0.05, 0.5, 0.5, 0.55, 0.58, 0, 0, 0, 0), uint8(0))
	f.Add(fuzzdata.Bytes(0.5, 0.02, 0.9, nan, 0.25, 0.38, 10, nan, 0, math.Float64frombits(0x7ff|2)), uint8(2))
	f.Add(fuzzdata.Bytes(math.Inf(1), math.Inf(-1), nan, 0.6, 0.6, 0.6, nan, nan, nan, math.Float64frombits(0xfff)), uint8(1))
	f.Add(fuzzdata.Bytes(1, 0, 0.2, 0.1, 0.2, 0.3, 1, 1, 1, 2, 1, 0, 0.2, 0.3, 0.2, 0.1, 1, 1, 1, 2), uint8(4))
	f.Add([]byte{1, 2, 3}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, pi uint8) {
		ps := Presets()
		p := ps[int(pi)%len(ps)]
		if pi >= 128 { // also perturb the thresholds, keeping the preset valid or not
			v := fuzzdata.Floats(data, 200)
			for i := range p.Rules {
				if i < len(v) {
					p.Rules[i].Threshold = v[i]
				}
			}
		}
		fs := fuzzRows(fuzzdata.Floats(data, 200))
		all := p.EvaluateAll(fs)
		if len(all) != len(fs) {
			t.Fatalf("%d verdicts for %d rows", len(all), len(fs))
		}
		relative := slices.ContainsFunc(p.Rules, func(r Rule) bool { return r.Kind == PlacementBottom })
		for i, fact := range fs {
			one := p.Evaluate(fact)
			checkVerdict(t, p, fact, one)
			checkVerdict(t, p, fact, all[i])
			if !relative && !reflect.DeepEqual(one, all[i]) {
				t.Fatalf("row %d: Evaluate %+v, EvaluateAll %+v", i, one, all[i])
			}
			for _, c := range one.Reasons {
				if r, _ := p.rule(c); r.Kind == PlacementBottom {
					t.Fatalf("row %d: Evaluate fired the relative rule %s", i, c)
				}
			}
		}
		rev := slices.Clone(fs)
		slices.Reverse(rev)
		back := p.EvaluateAll(rev)
		slices.Reverse(back)
		if !reflect.DeepEqual(back, all) {
			t.Fatalf("EvaluateAll depends on the order of the rows:\n%+v\n%+v", all, back)
		}
	})
}

// checkVerdict checks one verdict of p for f against the rules of
// combination in the package documentation.
func checkVerdict(t *testing.T, p Preset, f Facts, v Verdict) {
	t.Helper()
	pos := map[string]int{}
	for i, r := range p.Rules {
		pos[r.Code] = i
	}
	fired := map[string]bool{}
	worst := 0
	greens := 0
	for k, c := range v.Reasons {
		i, ok := pos[c]
		if !ok {
			t.Fatalf("reason %q is not a code of preset %s", c, p.Name)
		}
		if fired[c] {
			t.Fatalf("reason %q twice in %v", c, v.Reasons)
		}
		fired[c] = true
		r := p.Rules[i]
		if !r.appliesTo(f.Scope) {
			t.Fatalf("reason %q at scope %q, outside its scopes %v", c, f.Scope, r.Scopes)
		}
		if k > 0 {
			prev := p.Rules[pos[v.Reasons[k-1]]]
			if prev.Signal.Severity() < r.Signal.Severity() ||
				prev.Signal == r.Signal && pos[v.Reasons[k-1]] > i {
				t.Fatalf("reasons out of order: %v", v.Reasons)
			}
		}
		if r.Signal == Green {
			greens++
		} else {
			worst = max(worst, r.Signal.Severity())
		}
	}
	for _, e := range p.Escalations {
		all := len(e.Codes) > 0
		for _, c := range e.Codes {
			all = all && fired[c]
		}
		if all {
			worst = max(worst, e.Signal.Severity())
		}
	}
	want := None
	switch {
	case worst == 3:
		want = Red
	case worst == 2:
		want = Yellow
	case greens > 0 && (math.IsNaN(f.Score) || f.Score >= p.GreenMinScore):
		want = Green
	}
	if v.Signal != want {
		t.Fatalf("signal %q, want %q from reasons %v (score %v)", v.Signal, want, v.Reasons, f.Score)
	}
	recs := map[Signal]string{None: "", Green: "expand", Yellow: "reduce", Red: "close"}
	if v.Signal.Recommendation() != recs[v.Signal] || (v.Signal == None) != (v.Signal.Recommendation() == "") {
		t.Fatalf("signal %q has recommendation %q", v.Signal, v.Signal.Recommendation())
	}
}
