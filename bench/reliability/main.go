// Command reliability backtests the calibration of the monthly run's
// demand forecasts and of the probabilities of oversupply drawn from them,
// on the embedded Shanxi demo dataset (datasets/shanxi) and on synthetic
// series of a known distribution. It prints Markdown tables
// (docs/benchmarks.md, "Calibrated intervals and probabilities"):
//
//  1. Coverage: every employment series of the demo (the province and its
//     11 cities × 96 industries, yearly 2010–2025) forecast with the run's
//     method from each origin year (-cover-from .. 2024) to min(10, 2025 −
//     origin) years ahead; the share of outcomes inside the 80 % and 95 %
//     intervals, by scope and by step.
//  2. Reliability of P(oversupply): from each origin year (-origins), the
//     province's employment in each crosswalk industry is forecast -h years
//     ahead with -draws Monte Carlo paths, as the run draws them; each
//     path gives the openings (analytics/demand.Openings, the replacement
//     rates and vocational shares of config/defaults.yaml), which are
//     allocated to the programs of each level in proportion to their
//     graduates (analytics/match.Allocate); the predicted probability is
//     the share of draws whose ratio of graduates to allocated openings is
//     ≥ match.slight_oversupply. The outcome is the same ratio computed
//     with the employment observed later. Supply is the graduates observed
//     over the same years (graduates × (1 − further-study rate) of the
//     outcomes before the origin) in both, so that the table judges the
//     demand draws; the run's intake draws add supply uncertainty on top.
//     Predictions are binned by decile of predicted probability.
//  3. Synthetic: -synthetic Gaussian random walks with drift of 16 values
//     (the demo's length), whose conditional distribution 10 years ahead
//     is known: P(y_{n+10} ≥ c) = 1 − Φ((c − y_n − 10μ)/(σ√10)); the run's
//     draws' probability against it.
//
// Columns of -rows: origin, level, program, predicted probability,
// observed ratio, observed oversupply (0/1), for checking a bin by hand.
//
//	go run -tags duckdb_arrow ./bench/reliability -rows /tmp/reliability.csv
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/viper"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/vocmap/vocmap/analytics/demand"
	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/datasets/shanxi"
)

type options struct {
	method              forecast.Method
	coverFrom, lastYear int
	origins             []int
	h, draws, synthetic int
	seed                uint64
	workers             int
	rows                string
}

func main() {
	var o options
	var method, origins string
	flag.StringVar(&method, "method", "auto", "forecasting method of the draws (the run's: auto)")
	flag.IntVar(&o.coverFrom, "cover-from", 2015, "first origin year of the coverage backtest")
	flag.StringVar(&origins, "origins", "2015,2016,2017,2018,2019,2020", "origin years of the reliability backtest")
	flag.IntVar(&o.h, "h", 5, "years ahead of the reliability backtest (origin + h ≤ the data's last year)")
	flag.IntVar(&o.draws, "draws", 200, "Monte Carlo draws (run.draws)")
	flag.IntVar(&o.synthetic, "synthetic", 4000, "synthetic random walks")
	flag.Uint64Var(&o.seed, "seed", 1, "seed (run.seed)")
	flag.IntVar(&o.workers, "workers", runtime.NumCPU(), "worker goroutines")
	flag.StringVar(&o.rows, "rows", "", "also write the reliability rows to this CSV")
	flag.Parse()
	m, err := forecast.ParseMethod(method)
	if err == nil {
		o.method = m
		for _, s := range strings.Split(origins, ",") {
			y, e := strconv.Atoi(strings.TrimSpace(s))
			if e != nil {
				err = fmt.Errorf("origin %q: %w", s, e)
				break
			}
			o.origins = append(o.origins, y)
		}
	}
	if err == nil {
		err = run(context.Background(), os.Stdout, o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "reliability:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, o options) error {
	d, err := readDemo()
	if err != nil {
		return err
	}
	cfg, _, err := config.Load(viper.New(), config.LoadOptions{File: os.DevNull, LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		return err
	}
	o.lastYear = d.lastYear
	if err := coverage(ctx, out, d, o); err != nil {
		return err
	}
	if err := reliability(ctx, out, d, cfg, o); err != nil {
		return err
	}
	return synthetic(ctx, out, o)
}

// demo is what the backtests read of the Shanxi dataset.
type demo struct {
	firstYear, lastYear int
	province            string
	regionLevel         map[string]string
	// emp: region/industry -> employment by year from firstYear
	emp      map[string][]float64
	empKeys  []string
	programs map[string]*program
	progList []string
}

type program struct {
	code, level string
	industries  []string
	weights     []float64
	graduates   map[int]float64 // year -> graduates of the province
	grads       map[int]float64 // outcomes: year -> graduates
	further     map[int]float64 // outcomes: year -> further study
}

func readCSV(name string) ([]map[string]string, error) {
	f, err := shanxi.FS().Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, c := range recs[0] {
			m[c] = r[i]
		}
		rows = append(rows, m)
	}
	return rows, nil
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

func readDemo() (*demo, error) {
	d := &demo{regionLevel: map[string]string{}, emp: map[string][]float64{}, programs: map[string]*program{}}
	regions, err := readCSV("regions.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range regions {
		d.regionLevel[r["region_code"]] = r["level"]
		if r["level"] == "province" {
			d.province = r["region_code"]
		}
	}
	imap, err := readCSV("industry_map.csv")
	if err != nil {
		return nil, err
	}
	d.firstYear, d.lastYear = math.MaxInt, 0
	for _, r := range imap {
		y, _ := strconv.Atoi(r["year"])
		d.firstYear, d.lastYear = min(d.firstYear, y), max(d.lastYear, y)
	}
	n := d.lastYear - d.firstYear + 1
	for _, r := range imap {
		y, _ := strconv.Atoi(r["year"])
		k := r["region_code"] + "/" + r["industry_code"]
		if d.emp[k] == nil {
			d.emp[k] = make([]float64, n)
			for i := range d.emp[k] {
				d.emp[k][i] = math.NaN()
			}
			d.empKeys = append(d.empKeys, k)
		}
		d.emp[k][y-d.firstYear] = num(r["employment"])
	}
	sort.Strings(d.empKeys)
	for _, k := range d.empKeys {
		if slices.ContainsFunc(d.emp[k], math.IsNaN) {
			return nil, fmt.Errorf("industry_map: %s lacks a year: the backtest needs complete series", k)
		}
	}
	progs, err := readCSV("programs.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range progs {
		d.programs[r["program_code"]] = &program{code: r["program_code"], level: r["level"],
			graduates: map[int]float64{}, grads: map[int]float64{}, further: map[int]float64{}}
	}
	cw, err := readCSV("program_industry.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range cw {
		p := d.programs[r["program_code"]]
		if p == nil {
			continue
		}
		p.industries = append(p.industries, r["industry_code"])
		p.weights = append(p.weights, num(r["weight"]))
	}
	enr, err := readCSV("enrollments.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range enr {
		p := d.programs[r["program_code"]]
		g := num(r["graduates"])
		if p == nil || math.IsNaN(g) {
			continue
		}
		y, _ := strconv.Atoi(r["year"])
		p.graduates[y] += g
	}
	outc, err := readCSV("outcomes.csv")
	if err != nil {
		return nil, err
	}
	for _, r := range outc {
		p := d.programs[r["program_code"]]
		g, f := num(r["graduates"]), num(r["further_study"])
		if p == nil || math.IsNaN(g) || math.IsNaN(f) {
			continue
		}
		y, _ := strconv.Atoi(r["grad_year"])
		p.grads[y] += g
		p.further[y] += f
	}
	for code, p := range d.programs {
		if len(p.industries) > 0 {
			d.progList = append(d.progList, code)
		}
	}
	sort.Strings(d.progList)
	return d, nil
}

// coverage is table 1.
func coverage(ctx context.Context, out io.Writer, d *demo, o options) error {
	type tally struct{ n, in80, in95 float64 }
	byScope := map[string]*tally{"province": {}, "city": {}}
	byStep := make([]tally, 10)
	byOrigin := map[int]*tally{}
	var origins []int
	for T := o.coverFrom; T < d.lastYear; T++ {
		origins = append(origins, T)
		byOrigin[T] = &tally{}
		h := min(10, d.lastYear-T)
		series := make([]forecast.Series, len(d.empKeys))
		for i, k := range d.empKeys {
			series[i] = forecast.Series{ID: k, Values: d.emp[k][:T-d.firstYear+1], Frequency: 1}
		}
		res, err := forecast.ForecastAll(ctx, series, forecast.Options{Method: o.method, Horizon: h, Seed: o.seed, Workers: o.workers, Paths: o.draws})
		if err != nil {
			return err
		}
		for i, k := range d.empKeys {
			r := res[i]
			region, _, _ := strings.Cut(k, "/")
			sc := byScope["city"]
			if d.regionLevel[region] == "province" {
				sc = byScope["province"]
			}
			for t := 0; t < h; t++ {
				y := d.emp[k][T-d.firstYear+1+t]
				// The run clamps the bounds at zero (employment is not
				// negative); so does this check.
				in80 := y >= max(r.Lower[0][t], 0) && y <= r.Upper[0][t]
				in95 := y >= max(r.Lower[1][t], 0) && y <= r.Upper[1][t]
				for _, tl := range []*tally{sc, &byStep[t], byOrigin[T]} {
					tl.n++
					if in80 {
						tl.in80++
					}
					if in95 {
						tl.in95++
					}
				}
			}
		}
	}
	var all tally
	for _, t := range byScope {
		all.n += t.n
		all.in80 += t.in80
		all.in95 += t.in95
	}
	pct := func(a, n float64) string { return fmt.Sprintf("%.1f %%", 100*a/n) }
	fmt.Fprintf(out, "### Coverage of the demo's employment series (method %s)\n\n", o.method)
	fmt.Fprintf(out, "%d series (the province and its cities × industries), origins %d–%d, up to 10 years ahead (to %d): %d forecasts.\n\n",
		len(d.empKeys), o.coverFrom, d.lastYear-1, d.lastYear, int(all.n))
	fmt.Fprintln(out, "| scope | forecasts | cover 80 % | cover 95 % |")
	fmt.Fprintln(out, "|---|---|---|---|")
	for _, s := range []string{"province", "city"} {
		t := byScope[s]
		fmt.Fprintf(out, "| %s | %d | %s | %s |\n", s, int(t.n), pct(t.in80, t.n), pct(t.in95, t.n))
	}
	fmt.Fprintf(out, "| all | %d | **%s** | **%s** |\n\n", int(all.n), pct(all.in80, all.n), pct(all.in95, all.n))
	fmt.Fprintln(out, "| step (years ahead) | forecasts | cover 80 % | cover 95 % |")
	fmt.Fprintln(out, "|---|---|---|---|")
	for t, s := range byStep {
		if s.n > 0 {
			fmt.Fprintf(out, "| %d | %d | %s | %s |\n", t+1, int(s.n), pct(s.in80, s.n), pct(s.in95, s.n))
		}
	}
	fmt.Fprintln(out, "\n| origin (training values) | forecasts | cover 80 % | cover 95 % |")
	fmt.Fprintln(out, "|---|---|---|---|")
	for _, T := range origins {
		s := byOrigin[T]
		fmt.Fprintf(out, "| %d (%d) | %d | %s | %s |\n", T, T-d.firstYear+1, int(s.n), pct(s.in80, s.n), pct(s.in95, s.n))
	}
	fmt.Fprintln(out)
	return nil
}

// prediction is one row of the reliability table.
type prediction struct {
	origin      int
	level, code string
	p, ratio    float64
}

func (p prediction) over(thr float64) bool { return p.ratio >= thr }

// reliability is table 2.
func reliability(ctx context.Context, out io.Writer, d *demo, cfg *config.Config, o options) error {
	thr := cfg.Match.SlightOversupply
	var preds []prediction
	for _, T := range o.origins {
		if T+o.h > d.lastYear || T-d.firstYear+1 < 3 {
			return fmt.Errorf("origin %d: needs data to %d (the data end in %d) and 3 years before", T, T+o.h, d.lastYear)
		}
		ps, err := backtestOrigin(ctx, d, cfg, o, T)
		if err != nil {
			return err
		}
		preds = append(preds, ps...)
	}
	fmt.Fprintf(out, "### Reliability of P(oversupply), province programs (method %s, %d draws)\n\n", o.method, o.draws)
	fmt.Fprintf(out, "Origins %v, %d years ahead; outcome: the ratio with the observed employment ≥ %.2f (match.slight_oversupply). %d predictions (origin × program with graduates and openings).\n\n", o.origins, o.h, thr, len(preds))
	writeBins(out, preds, thr, nil)
	if o.rows != "" {
		f, err := os.Create(o.rows)
		if err != nil {
			return err
		}
		w := csv.NewWriter(f)
		w.Write([]string{"origin", "level", "program_code", "p_oversupply", "observed_ratio", "observed_oversupply"})
		for _, p := range preds {
			ov := "0"
			if p.over(thr) {
				ov = "1"
			}
			w.Write([]string{strconv.Itoa(p.origin), p.level, p.code, strconv.FormatFloat(p.p, 'f', 4, 64), strconv.FormatFloat(p.ratio, 'f', 4, 64), ov})
		}
		w.Flush()
		if err := f.Close(); err != nil {
			return err
		}
		if err := w.Error(); err != nil {
			return err
		}
	}
	return nil
}

// writeBins prints the decile table: predicted probability bins, mean
// predicted, observed frequency; truth, if not nil, adds the mean true
// probability of each bin.
func writeBins(out io.Writer, preds []prediction, thr float64, truth []float64) {
	type bin struct{ n, sumP, hits, sumT float64 }
	bins := make([]bin, 10)
	var brier float64
	for i, p := range preds {
		b := min(int(p.p*10), 9)
		bins[b].n++
		bins[b].sumP += p.p
		o := 0.0
		if p.over(thr) {
			o = 1
			bins[b].hits++
		}
		if truth != nil {
			bins[b].sumT += truth[i]
		}
		brier += (p.p - o) * (p.p - o)
	}
	head, rule := "| predicted P | predictions | mean predicted | observed frequency |", "|---|---|---|---|"
	if truth != nil {
		head, rule = head+" mean true P |", rule+"---|"
	}
	fmt.Fprintln(out, head)
	fmt.Fprintln(out, rule)
	for i, b := range bins {
		lo, hi := float64(i)/10, float64(i+1)/10
		closeB := ")"
		if i == 9 {
			closeB = "]"
		}
		if b.n == 0 {
			fmt.Fprintf(out, "| [%.1f, %.1f%s | 0 | | |", lo, hi, closeB)
			if truth != nil {
				fmt.Fprint(out, " |")
			}
			fmt.Fprintln(out)
			continue
		}
		fmt.Fprintf(out, "| [%.1f, %.1f%s | %d | %.3f | %.3f (%d of %d) |", lo, hi, closeB, int(b.n), b.sumP/b.n, b.hits/b.n, int(b.hits), int(b.n))
		if truth != nil {
			fmt.Fprintf(out, " %.3f |", b.sumT/b.n)
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintf(out, "\nBrier score %.4f over %d predictions.\n\n", brier/float64(len(preds)), len(preds))
}

// section of an industry code, lower case, as config keys it.
func section(code string) string { return strings.ToLower(code[:1]) }

func rate(cfg *config.Config, ind string) float64 {
	if r, ok := cfg.Demand.ReplacementRate[section(ind)]; ok {
		return r
	}
	return cfg.Demand.ReplacementRate["default"]
}

func share(cfg *config.Config, ind, level string) float64 {
	if s, ok := cfg.Demand.VocationalShare[section(ind)]; ok {
		if v, ok := s[level]; ok {
			return v
		}
	}
	return cfg.Demand.VocationalShare["default"][level]
}

// backtestOrigin predicts, at origin T, each province program's
// probability of oversupply over T+1..T+h and computes its observed ratio.
func backtestOrigin(ctx context.Context, d *demo, cfg *config.Config, o options, T int) ([]prediction, error) {
	// the crosswalk's industries
	var inds []string
	for _, code := range d.progList {
		for _, ind := range d.programs[code].industries {
			if !slices.Contains(inds, ind) {
				inds = append(inds, ind)
			}
		}
	}
	sort.Strings(inds)
	t0 := T - d.firstYear
	series := make([]forecast.Series, 0, len(inds))
	for _, ind := range inds {
		e := d.emp[d.province+"/"+ind]
		if e == nil {
			return nil, fmt.Errorf("industry %s: no province employment", ind)
		}
		series = append(series, forecast.Series{ID: d.province + "/" + ind, Values: e[:t0+1], Frequency: 1})
	}
	res, err := forecast.ForecastAll(ctx, series, forecast.Options{Method: o.method, Horizon: o.h, Paths: o.draws, WithPaths: true, Seed: o.seed, Workers: o.workers, PointOnly: true})
	if err != nil {
		return nil, err
	}
	openDraws := make([][]float64, len(inds)) // industry -> draw -> openings over the h years
	openObs := make([]float64, len(inds))
	for i, ind := range inds {
		e := d.emp[d.province+"/"+ind]
		last := e[t0]
		openDraws[i] = make([]float64, o.draws)
		for k, p := range res[i].Paths {
			path := make([]float64, len(p))
			for t, v := range p {
				path[t] = max(v, 0)
			}
			op, err := demand.Openings(last, path, rate(cfg, ind))
			if err != nil {
				return nil, err
			}
			openDraws[i][k] = sum(op)
		}
		op, err := demand.Openings(last, e[t0+1:t0+1+o.h], rate(cfg, ind))
		if err != nil {
			return nil, err
		}
		openObs[i] = sum(op)
	}
	var out []prediction
	for _, level := range []string{"secondary", "higher", "bachelor"} {
		var progs []string
		var g [][]float64
		for _, code := range d.progList {
			p := d.programs[code]
			if p.level != level {
				continue
			}
			// graduates entering work over T+1..T+h: the graduates
			// observed, less the further-study rate of the latest three
			// outcome years up to T.
			var gr, fs, gs float64
			for y := T + 1; y <= T+o.h; y++ {
				gr += p.graduates[y]
			}
			for y := T - 2; y <= T; y++ {
				fs += p.further[y]
				gs += p.grads[y]
			}
			fr := 0.3 // supply.default_further_study, as the run without outcomes
			if gs > 0 {
				fr = fs / gs
			}
			ent := gr * (1 - fr)
			if ent <= 0 {
				continue
			}
			row := make([]float64, len(inds))
			for k, ind := range p.industries {
				row[sort.SearchStrings(inds, ind)] += ent * p.weights[k]
			}
			progs = append(progs, code)
			g = append(g, row)
		}
		if len(progs) == 0 {
			continue
		}
		ratios := func(open func(i int) float64) ([]float64, error) {
			op := make([]float64, len(inds))
			for i, ind := range inds {
				op[i] = open(i) * share(cfg, ind, level)
			}
			a, err := match.Allocate(op, g)
			if err != nil {
				return nil, err
			}
			r := make([]float64, len(progs))
			for k := range progs {
				r[k] = match.Ratio(sum(g[k]), sum(a[k]))
			}
			return r, nil
		}
		hits := make([]float64, len(progs))
		for dr := 0; dr < o.draws; dr++ {
			r, err := ratios(func(i int) float64 { return openDraws[i][dr] })
			if err != nil {
				return nil, err
			}
			for k, v := range r {
				if v >= cfg.Match.SlightOversupply {
					hits[k]++
				}
			}
		}
		obs, err := ratios(func(i int) float64 { return openObs[i] })
		if err != nil {
			return nil, err
		}
		for k, code := range progs {
			out = append(out, prediction{origin: T, level: level, code: code, p: hits[k] / float64(o.draws), ratio: obs[k]})
		}
	}
	return out, nil
}

func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

// synthetic is table 3.
func synthetic(ctx context.Context, out io.Writer, o options) error {
	const n, h = 16, 10
	const mu, sigma = 1.0, 4.0
	rng := rand.New(rand.NewPCG(o.seed, 15))
	series := make([]forecast.Series, o.synthetic)
	future := make([]float64, o.synthetic)
	cuts := make([]float64, o.synthetic)
	truth := make([]float64, o.synthetic)
	for i := range series {
		y := make([]float64, n)
		y[0] = 1000
		for t := 1; t < n; t++ {
			y[t] = y[t-1] + mu + sigma*rng.NormFloat64()
		}
		f := y[n-1]
		for t := 0; t < h; t++ {
			f += mu + sigma*rng.NormFloat64()
		}
		z := -2 + 4*rng.Float64()
		cuts[i] = y[n-1] + h*mu + z*sigma*math.Sqrt(h)
		truth[i] = 1 - distuv.UnitNormal.CDF(z)
		series[i] = forecast.Series{ID: fmt.Sprintf("rw%d", i), Values: y, Frequency: 1}
		future[i] = f
	}
	res, err := forecast.ForecastAll(ctx, series, forecast.Options{Method: o.method, Horizon: h, Paths: o.draws, WithPaths: true, PointOnly: true, Seed: o.seed, Workers: o.workers})
	if err != nil {
		return err
	}
	preds := make([]prediction, len(series))
	var absErr float64
	for i, r := range res {
		var hit float64
		for _, p := range r.Paths {
			if p[h-1] >= cuts[i] {
				hit++
			}
		}
		// the observed "ratio" is 1 when the outcome reached the cut
		ratio := 0.0
		if future[i] >= cuts[i] {
			ratio = 1
		}
		preds[i] = prediction{p: hit / float64(len(r.Paths)), ratio: ratio}
		absErr += math.Abs(preds[i].p - truth[i])
	}
	fmt.Fprintf(out, "### Synthetic series of a known distribution (method %s, %d draws)\n\n", o.method, o.draws)
	fmt.Fprintf(out, "%d Gaussian random walks with drift μ = %g, σ = %g, %d values; event y_{n+%d} ≥ c with c = y_n + %dμ + zσ√%d, z uniform on [−2, 2]: true P = 1 − Φ(z). Mean |predicted − true| = %.3f.\n\n",
		o.synthetic, mu, sigma, n, h, h, h, absErr/float64(len(series)))
	writeBins(out, preds, 1, truth)
	return nil
}
