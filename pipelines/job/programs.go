//go:build duckdb_arrow

package job

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/analytics/score"
)

// Indicators are the scoring indicators, in the order of their columns;
// config weights are keyed by these names.
var Indicators = []string{"supply_demand_ratio", "placement_rate", "employment_rate", "match_rate",
	"relative_salary", "intake_trend", "demand_growth", "plan_priority"}

// benefit says which indicators are better when larger: all but the
// supply–demand ratio.
var benefit = []bool{false, true, true, true, true, true, true, true}

// tierScore is the plan priority of an industry tier (industry_priorities).
var tierScore = map[string]float64{"strategic_emerging": 1, "shortage": 1, "pillar": 0.75, "traditional": 0.5, "declining": 0}

// programRow is one program at one scope.
type programRow struct {
	scope, province, city, school, program, name, level string
	region                                              string  // the province, the city, or the school's city
	supply, openings, ratio, prob                       float64 // in the row's market
	band                                                string
	market                                              string    // match.Market: city, province (flows)
	marketRegion                                        string    // the region whose market the row is judged in
	share                                               float64   // of a province-market city or school row: its share of the province's supply; NaN otherwise
	noDemand                                            bool      // fewer than one opening in the market: no ratio
	placement                                           []float64 // latest three graduation years
	intake                                              []float64 // latest four years
	sites                                               int
	ind                                                 []float64 // Indicators
	norm, weighted, sqIdeal, sqAnti                     []float64 // TOPSIS by indicator (score.Result)
	weights                                             []float64
	score                                               float64
	feedsShortage, control, encouraged                  bool
	verdicts                                            map[string]rules.Verdict // by preset
	probSignal                                          [3]float64               // P(red), P(yellow), P(green) over draws; NaN without draws
}

// publishedRow is a row of the warning list after overrides.
type publishedRow struct {
	row                      *programRow
	Signal, Computed         string
	Recommendation           rules.Recommendation // the verdict's, or the default of an override's signal
	Reasons                  []string
	OverrideReason, Override string
}

// score computes every program's indicators at the three scopes and its
// TOPSIS score among the rows of the same province and scope.
func (m *model) score() error {
	f := m.in.facts
	n := f.Len()
	salaryMean := map[key2]float64{} // province, level -> mean salary of its programs
	salaryN := map[key2]float64{}
	for i := range n {
		if f.S("scope")[i] == "province" && !math.IsNaN(f.F("salary")[i]) {
			k := key2{f.S("province_code")[i], f.S("level")[i]}
			salaryMean[k] += f.F("salary")[i]
			salaryN[k]++
		}
	}
	for k := range salaryMean {
		salaryMean[k] /= salaryN[k]
	}
	tiers := m.tiers()
	lists := m.lists()
	cityIntake := map[key2]float64{} // city, program -> latest intake
	for i := range n {
		if f.S("scope")[i] == "city" {
			cityIntake[key2{f.S("city_code")[i], f.S("program_code")[i]}] = f.F("i3")[i]
		}
	}
	for i := range n {
		r := &programRow{scope: f.S("scope")[i], province: f.S("province_code")[i], city: f.S("city_code")[i],
			school: f.S("school_code")[i], program: f.S("program_code")[i], name: f.S("program_name")[i], level: f.S("level")[i],
			placement: []float64{f.F("p1")[i], f.F("p2")[i], f.F("p3")[i]},
			intake:    []float64{f.F("i0")[i], f.F("i1")[i], f.F("i2")[i], f.F("i3")[i]},
			sites:     int(f.I("sites")[i]), probSignal: [3]float64{math.NaN(), math.NaN(), math.NaN()}}
		r.region = r.province
		if r.scope != "province" {
			r.region = r.city
		}
		mk, mr := m.marketOf(r.scope, r.level, r.province, r.city, r.program)
		r.market, r.marketRegion = string(mk), mr
		pm := m.progMatch[key2{mr, r.program}]
		r.supply, r.openings, r.ratio = math.NaN(), math.NaN(), math.NaN()
		if pm != nil {
			r.ratio, r.noDemand = pm.ratio, pm.noDemand
			if r.scope != "school" {
				r.supply, r.openings = pm.supply, pm.openings
			}
		}
		if b, err := match.Classify(r.ratio, m.opts.Thresholds); err == nil {
			r.band = b.String()
		}
		r.prob = math.NaN()
		if p, ok := m.prob[key2{mr, r.program}]; ok {
			r.prob = p
		}
		r.share = math.NaN()
		if r.scope != "province" && mk == match.ProvinceMarket {
			r.share = m.supplyShare(r.city, r.province, r.program)
			if r.scope == "school" {
				r.share *= schoolShare(r.intake[3], cityIntake[key2{r.city, r.program}])
			}
		}
		salary := math.NaN()
		if s, ok := salaryMean[key2{r.province, r.level}]; ok && s > 0 {
			salary = f.F("salary")[i] / s
		}
		trend := math.NaN()
		if i0, i3 := r.intake[0], r.intake[3]; i0 > 0 && !math.IsNaN(i3) {
			trend = math.Pow(math.Max(i3, 0)/i0, 1.0/3) - 1
		}
		growth, priority, short := m.industryFacts(r, tiers)
		r.feedsShortage = short
		r.ind = []float64{r.ratio, meanKnown(r.placement[1:]), f.F("employment_rate")[i], f.F("match_rate")[i],
			salary, trend, growth, priority}
		ls := lists[key2{r.province, r.program}]
		if r.city != "" {
			c := lists[key2{r.city, r.program}]
			ls.control, ls.encouraged = ls.control || c.control, ls.encouraged || c.encouraged
		}
		r.control, r.encouraged = ls.control, ls.encouraged
		m.rows = append(m.rows, r)
	}
	// Score within each province and scope.
	var weights []float64
	if m.opts.Weights != nil {
		weights = make([]float64, len(Indicators))
		for j, name := range Indicators {
			weights[j] = m.opts.Weights[name]
		}
	}
	for i := 0; i < len(m.rows); {
		j := i
		for j < len(m.rows) && m.rows[j].province == m.rows[i].province && m.rows[j].scope == m.rows[i].scope {
			j++
		}
		x := make([][]float64, j-i)
		for k := i; k < j; k++ {
			x[k-i] = m.rows[k].ind
		}
		s, err := score.Score(x, benefit, weights)
		if err != nil {
			return fmt.Errorf("job: score %s %s: %w", m.rows[i].province, m.rows[i].scope, err)
		}
		for k := i; k < j; k++ {
			r := m.rows[k]
			r.score = s.Closeness[k-i]
			r.weights = s.Weights
			r.norm = s.Normalized.RawRowView(k - i)
			r.weighted = s.Weighted.RawRowView(k - i)
			r.sqIdeal = s.SqIdeal.RawRowView(k - i)
			r.sqAnti = s.SqAntiIdeal.RawRowView(k - i)
		}
		i = j
	}
	return nil
}

// industryFacts returns the crosswalk-weighted employment growth and plan
// priority of a program's industries in the row's region, and whether it
// feeds a shortage or strategic industry whose openings exceed its supply.
//
// Growth and shortage are read in the row's market (the province for a
// province-market row), as its ratio is.
func (m *model) industryFacts(r *programRow, tiers map[key2]string) (growth, priority float64, short bool) {
	p := m.in.programs[r.program]
	if p == nil {
		return math.NaN(), math.NaN(), false
	}
	var gw, gs, pw, ps float64
	for k, ind := range p.industries {
		w := p.weights[k]
		f := m.emp[key2{r.marketRegion, ind}]
		if f == nil {
			f = m.emp[key2{r.province, ind}]
		}
		if f != nil && !math.IsNaN(f.growth) {
			gs += w * f.growth
			gw += w
		}
		tier := tiers[key2{r.region, ind}]
		if tier == "" {
			tier = tiers[key2{r.province, ind}]
		}
		if tier == "" {
			tier = tiers[key2{r.province, sectionOf(ind)}]
		}
		if s, ok := tierScore[tier]; ok {
			ps += w * s
			pw += w
		}
		if (tier == "shortage" || tier == "strategic_emerging") && w >= m.opts.MinWeight {
			if im := m.industryMatch(r.marketRegion, ind, p.level); im != nil && im.openings > im.supply {
				short = true
			}
		}
	}
	growth, priority = math.NaN(), math.NaN()
	if gw > 0 {
		growth = gs / gw
	}
	if pw > 0 {
		priority = ps / pw
	}
	return growth, priority, short
}

// supplyShare returns a city's share of the province's graduates of a
// program entering work over the horizon; NaN if the province has none.
func (m *model) supplyShare(city, province, program string) float64 {
	p := m.sup[key2{province, program}]
	if p == nil || !(sum(p.entering) > 0) {
		return math.NaN()
	}
	c := m.sup[key2{city, program}]
	if c == nil {
		return 0
	}
	return sum(c.entering) / sum(p.entering)
}

// schoolShare returns a school's share of its city's latest intake of a
// program: its share of the city's supply; NaN when the city's intake is
// unknown or zero.
func schoolShare(school, city float64) float64 {
	if !(city > 0) || math.IsNaN(school) {
		return math.NaN()
	}
	return school / city
}

func (m *model) industryMatch(region, industry, level string) *indMatchRow {
	if m.indIndex == nil {
		m.indIndex = map[[3]string]*indMatchRow{}
		for i := range m.indMatch {
			r := &m.indMatch[i]
			m.indIndex[[3]string{r.region, r.industry, r.level}] = r
		}
	}
	return m.indIndex[[3]string{region, industry, level}]
}

func (m *model) tiers() map[key2]string {
	p := m.in.priorities
	out := map[key2]string{}
	for i, r := range p.S("region_code") {
		out[key2{r, p.S("industry_code")[i]}] = p.S("tier")[i]
	}
	if p.Len() == 0 {
		m.notes = append(m.notes, "no_industry_priorities")
	}
	return out
}

type listFlags struct{ control, encouraged bool }

func (m *model) lists() map[key2]listFlags {
	l := m.in.lists
	out := map[key2]listFlags{}
	for i, r := range l.S("region_code") {
		k := key2{r, l.S("program_code")[i]}
		v := out[k]
		switch l.S("list")[i] {
		case "control":
			v.control = true
		case "encouraged":
			v.encouraged = true
		}
		out[k] = v
	}
	return out
}

// rules evaluates every preset on every row, then publishes the chosen
// preset's signals with the planners' overrides over them.
func (m *model) rules() error {
	facts := make([]rules.Facts, len(m.rows))
	provScore := map[key2]float64{}
	for _, r := range m.rows {
		if r.scope == "province" {
			provScore[key2{r.province, r.program}] = r.score
		}
	}
	for i, r := range m.rows {
		// A province-market row is judged as its province is: the
		// province's ratio, growth and shortage, and the province's score
		// for the green threshold, so that its demand signal is the
		// province's (a quality rule of its own scope may still apply).
		sc := r.score
		if r.scope != "province" && r.market == string(match.ProvinceMarket) {
			if s, ok := provScore[key2{r.province, r.program}]; ok {
				sc = s
			}
		}
		facts[i] = rules.Facts{Scope: rules.Scope(r.scope), Level: r.level, Peer: r.province + "/" + r.scope + "/" + r.level,
			Placement: r.placement, Ratio: r.ratio, NoDemand: r.noDemand, DemandGrowth: r.ind[6], FeedsShortage: r.feedsShortage,
			Intake: r.intake[1:], Sites: r.sites, ControlList: r.control, EncouragedList: r.encouraged, Score: sc,
			PriorityBelowTarget: m.priorityBelowTarget(r)}
		r.verdicts = map[string]rules.Verdict{}
	}
	for _, p := range m.opts.Presets {
		vs := p.EvaluateAll(facts)
		for i, v := range vs {
			m.rows[i].verdicts[p.Name] = v
		}
	}
	m.signalDraws(facts)
	type okey struct{ scope, region, school, program string }
	ov := m.in.overrides
	overrides := map[okey]int{}
	for i := range ov.Len() {
		overrides[okey{ov.S("scope")[i], ov.S("region_code")[i], ov.S("school_code")[i], ov.S("program_code")[i]}] = i
	}
	used := make([]bool, ov.Len())
	for _, r := range m.rows {
		v := r.verdicts[m.opts.Preset.Name]
		p := &publishedRow{row: r, Signal: string(v.Signal), Computed: string(v.Signal), Recommendation: v.Recommendation, Reasons: v.Reasons}
		region := r.region
		if i, ok := overrides[okey{r.scope, region, r.school, r.program}]; ok {
			used[i] = true
			sig := ov.S("signal")[i]
			if sig == "none" {
				sig = ""
			}
			p.Signal = sig
			p.Override = sig
			if sig != string(v.Signal) {
				p.Recommendation = rules.DefaultRecommendation(rules.Signal(sig))
			}
			p.OverrideReason = fmt.Sprintf("%s (%s, %s)", ov.S("reason")[i], ov.S("decided_by")[i], ov.S("decided_on")[i])
			p.Reasons = append([]string{"override"}, v.Reasons...)
		}
		if p.Signal != "" {
			m.published = append(m.published, p)
		}
	}
	for i, u := range used {
		if !u { // a decision about a row the run does not have: say so, never drop it silently
			m.unmatched = append(m.unmatched, fmt.Sprintf("scope=%s region_code=%s school_code=%s program_code=%s",
				ov.S("scope")[i], ov.S("region_code")[i], ov.S("school_code")[i], ov.S("program_code")[i]))
		}
	}
	sort.SliceStable(m.published, func(i, j int) bool {
		a, b := m.published[i], m.published[j]
		if sa, sb := rules.Signal(a.Signal).Severity(), rules.Signal(b.Signal).Severity(); sa != sb {
			return sa > sb
		}
		return false
	})
	return nil
}

// reasonsText renders a published row's reasons: an override names both
// signals and the planners' reason.
func (m *model) reasonsText(p *publishedRow, lang string) string {
	var parts []string
	for _, c := range p.Reasons {
		if c == "override" {
			continue
		}
		parts = append(parts, m.opts.Preset.ReasonText(c, lang))
	}
	sep := "；"
	if lang == "en" {
		sep = "; "
	}
	if s := marketText(p.row, lang); s != "" {
		parts = append(parts, s)
	}
	text := strings.Join(parts, sep)
	if p.OverrideReason != "" {
		computed := rules.SignalText(rules.Signal(p.Computed), lang)
		if p.Computed == "" {
			computed = map[bool]string{true: "none", false: "无"}[lang == "en"]
		}
		published := rules.SignalText(rules.Signal(p.Signal), lang)
		if lang == "en" {
			text = fmt.Sprintf("planners' decision: %s; published signal: %s; computed signal: %s; rules: %s", p.OverrideReason, published, computed, text)
		} else {
			text = fmt.Sprintf("规划部门决定：%s；发布信号：%s；计算信号：%s；规则：%s", p.OverrideReason, published, computed, text)
		}
	}
	return text
}

// marketText says, for a city or school row judged in the province's
// market, that it carries the province's figures and what share of the
// province's supply it holds, e.g. "按全省就业市场研判(本市毕业生占全省供给的12.3%)".
func marketText(r *programRow, lang string) string {
	if r.scope == "province" || r.market != string(match.ProvinceMarket) {
		return ""
	}
	who := map[bool]string{true: "本校", false: "本市"}[r.scope == "school"]
	whoEn := map[bool]string{true: "this school", false: "this city"}[r.scope == "school"]
	if math.IsNaN(r.share) {
		if lang == "en" {
			return "judged in the province's labour market (the province's ratio and probability)"
		}
		return "按全省就业市场研判(供需比、超供概率均为全省的)"
	}
	pct := strconv.FormatFloat(100*r.share, 'f', 1, 64)
	if lang == "en" {
		return "judged in the province's labour market (the province's ratio and probability; " + whoEn + " supplies " + pct + "% of the province's graduates)"
	}
	return "按全省就业市场研判(供需比、超供概率均为全省的；" + who + "毕业生占全省供给的" + pct + "%)"
}

func meanKnown(x []float64) float64 {
	s, n := 0.0, 0
	for _, v := range x {
		if !math.IsNaN(v) {
			s += v
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}
