//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// inputs are the marts a run reads, as Go slices.
type inputs struct {
	regions    *warehouse.Frame // 001
	employment *warehouse.Frame // 002
	crosswalk  *warehouse.Frame // 003
	intake     *warehouse.Frame // 004
	facts      *warehouse.Frame // 005
	priorities *warehouse.Frame // 006
	lists      *warehouse.Frame // 007
	overrides  *warehouse.Frame // 008
	postings   *warehouse.Frame // 009
	quality    *warehouse.Frame // 010
	structure  *warehouse.Frame // 012

	province map[string]string // region -> its province
	city     map[string]string // region -> its city ("" for a province)
	level    map[string]string // region -> province/city/county
	programs map[string]*program
	progList []string // program codes in order
}

// program is a program of the catalogue with its crosswalk.
type program struct {
	code, name, level string
	duration          int
	industries        []string  // crosswalk industry codes
	weights           []float64 // their weights, summing to 1
}

func readInputs(ctx context.Context, conn *sql.Conn) (*inputs, error) {
	in := &inputs{}
	for _, q := range []struct {
		file string
		dst  **warehouse.Frame
	}{
		{"001_regions.sql", &in.regions}, {"002_employment.sql", &in.employment},
		{"003_crosswalk.sql", &in.crosswalk}, {"004_intake.sql", &in.intake},
		{"005_program_facts.sql", &in.facts}, {"006_priorities.sql", &in.priorities},
		{"007_program_lists.sql", &in.lists}, {"008_overrides.sql", &in.overrides},
		{"009_postings.sql", &in.postings}, {"010_data_quality.sql", &in.quality},
		{"012_structure.sql", &in.structure},
	} {
		f, err := warehouse.ReadFrame(ctx, conn, mart(q.file))
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("job: sql/%s: %w", q.file, err)
		}
		*q.dst = f
	}
	in.province, in.city, in.level = map[string]string{}, map[string]string{}, map[string]string{}
	r := in.regions
	for i, code := range r.S("region_code") {
		in.province[code] = r.S("province_code")[i]
		in.city[code] = r.S("city_code")[i]
		in.level[code] = r.S("level")[i]
	}
	in.programs = map[string]*program{}
	c := in.crosswalk
	for i, code := range c.S("program_code") {
		p := in.programs[code]
		if p == nil {
			p = &program{code: code, name: c.S("program_name")[i], level: c.S("level")[i], duration: int(c.I("duration")[i])}
			in.programs[code] = p
			in.progList = append(in.progList, code)
		}
		p.industries = append(p.industries, c.S("industry_code")[i])
		p.weights = append(p.weights, c.F("weight")[i])
	}
	for _, p := range in.programs { // the contract allows 1 ± 0.01
		s := 0.0
		for _, w := range p.weights {
			s += w
		}
		for k := range p.weights {
			p.weights[k] /= s
		}
	}
	return in, nil
}

// yearSeries turns (year, value) pairs, sorted by year, into a series of
// consecutive years: gaps are filled by linear interpolation.
func yearSeries(years []int64, values []float64) (first int, out []float64) {
	if len(years) == 0 {
		return 0, nil
	}
	first = int(years[0])
	n := int(years[len(years)-1]) - first + 1
	out = make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	for i, y := range years {
		out[int(y)-first] = values[i]
	}
	out = forecast.FillGaps(out)
	return first, out
}
