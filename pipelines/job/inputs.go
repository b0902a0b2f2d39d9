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

// inputs are the marts a run reads: typed rows (rows.go), and frames for
// the marts whose readers still take one.
type inputs struct {
	regions    []regionRow      // 001
	employment *warehouse.Frame // 002
	crosswalk  []crosswalkRow   // 003
	intake     []intakeRow      // 004
	facts      *warehouse.Frame // 005
	priorities *warehouse.Frame // 006
	lists      *warehouse.Frame // 007
	overrides  *warehouse.Frame // 008
	postings   *warehouse.Frame // 009
	quality    *warehouse.Frame // 010
	structure  []structureRow   // 012
	// destinations: observed graduate destinations (017, optional)
	destinations *warehouse.Frame

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

// martError says which mart failed, or returns the context's error when
// the run was cancelled.
func martError(ctx context.Context, file string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("job: sql/%s: %w", file, err)
}

// readMart reads a mart into its typed rows.
func readMart[T any](ctx context.Context, conn *sql.Conn, file string, dst *[]T) error {
	rows, err := warehouse.ReadRows[T](ctx, conn, mart(file))
	if err != nil {
		return martError(ctx, file, err)
	}
	*dst = rows
	return nil
}

// readFrame reads a mart into a Frame.
func readFrame(ctx context.Context, conn *sql.Conn, file string, dst **warehouse.Frame) error {
	f, err := warehouse.ReadFrame(ctx, conn, mart(file))
	if err != nil {
		return martError(ctx, file, err)
	}
	*dst = f
	return nil
}

func readInputs(ctx context.Context, conn *sql.Conn) (*inputs, error) {
	in := &inputs{}
	for _, read := range []func() error{ // in the files' order
		func() error { return readMart(ctx, conn, "001_regions.sql", &in.regions) },
		func() error { return readFrame(ctx, conn, "002_employment.sql", &in.employment) },
		func() error { return readMart(ctx, conn, "003_crosswalk.sql", &in.crosswalk) },
		func() error { return readMart(ctx, conn, "004_intake.sql", &in.intake) },
		func() error { return readFrame(ctx, conn, "005_program_facts.sql", &in.facts) },
		func() error { return readFrame(ctx, conn, "006_priorities.sql", &in.priorities) },
		func() error { return readFrame(ctx, conn, "007_program_lists.sql", &in.lists) },
		func() error { return readFrame(ctx, conn, "008_overrides.sql", &in.overrides) },
		func() error { return readFrame(ctx, conn, "009_postings.sql", &in.postings) },
		func() error { return readFrame(ctx, conn, "010_data_quality.sql", &in.quality) },
		func() error { return readMart(ctx, conn, "012_structure.sql", &in.structure) },
		func() error { return readFrame(ctx, conn, "017_destinations.sql", &in.destinations) },
	} {
		if err := read(); err != nil {
			return nil, err
		}
	}
	in.province, in.city, in.level = map[string]string{}, map[string]string{}, map[string]string{}
	for _, r := range in.regions {
		in.province[r.Region] = r.Province
		in.city[r.Region] = r.City
		in.level[r.Region] = r.Level
	}
	in.programs = map[string]*program{}
	for _, c := range in.crosswalk {
		p := in.programs[c.Program]
		if p == nil {
			p = &program{code: c.Program, name: c.Name, level: c.Level, duration: int(c.Duration)}
			in.programs[c.Program] = p
			in.progList = append(in.progList, c.Program)
		}
		p.industries = append(p.industries, c.Industry)
		p.weights = append(p.weights, c.Weight)
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
