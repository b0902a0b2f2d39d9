package synth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"time"
)

// Scale selects the size and shape of a generated dataset.
type Scale string

const (
	// ScaleProvince generates one province with about 11 cities, 450
	// schools, 300 programs and 100k+ enrollment rows (the v1 contract).
	ScaleProvince Scale = "province"
	// ScaleNational generates all 31 provinces with about 11 cities each,
	// 12,000 schools, 400 programs and millions of rows (the multi-province
	// extension of the contract).
	ScaleNational Scale = "national"
)

// Options configures Generate. The zero value of every field but Out is a
// usable default.
type Options struct {
	// Out is the output folder; it is created if missing and existing
	// files of the same names are overwritten.
	Out string
	// Scale is ScaleProvince (default when empty) or ScaleNational.
	Scale Scale
	// Seed seeds every random stream: the same Options give byte-identical
	// files.
	Seed uint64
	// Factor multiplies the number of schools, and with them the rows of
	// schools, enrollments and outcomes, for stress tests; 0 means 1.
	// National scale with Factor 20 writes several gigabytes.
	Factor float64
	// Progress, when set, is called about every 100,000 rows of a table
	// and once when the table is complete, with the rows written so far.
	Progress func(table string, rows int64)
	// Logger receives debug records, one per table; nil discards them.
	Logger *slog.Logger
	// Defects plants gaps of real data drops (province scale only); the
	// zero value plants none.
	Defects Defects
}

// Summary reports what Generate wrote.
type Summary struct {
	// Tables maps each table name to the number of data rows written
	// (the header is not counted).
	Tables map[string]int64
	// Bytes is the total size of all files written.
	Bytes int64
	// Planted says where Options.Defects were planted.
	Planted Planted
}

// Table names, as the data contract spells them; each is written as
// NAME.csv.
const (
	TableRegions            = "regions"
	TableIndustries         = "industries"
	TableIndustryMap        = "industry_map"
	TableIndustryPriorities = "industry_priorities"
	TablePrograms           = "programs"
	TableProgramIndustry    = "program_industry"
	TableSchools            = "schools"
	TableEnrollments        = "enrollments"
	TableOutcomes           = "outcomes"
	TableJobPostings        = "job_postings"
	TableEducationTotals    = "education_totals"
	TableProgramLists       = "program_lists"
)

// Tables returns the names of the tables Generate writes, in writing order.
func Tables() []string {
	out := make([]string, 0, len(steps)+1)
	for _, s := range steps {
		for _, t := range s.tables {
			out = append(out, t.name)
		}
	}
	return out
}

// ErrBadOptions is returned (wrapped) when Options are invalid.
var ErrBadOptions = errors.New("synth: bad options")

// Generate writes a synthetic dataset that follows the data contract into
// opts.Out, one UTF-8 CSV file per table (no BOM, header row of the
// contract's English column names, `\n` line ends, NULL as an empty cell).
// Rows are streamed, so memory stays flat at any Factor. It checks ctx
// between chunks of rows and returns ctx's error, leaving the files written
// so far (the last one possibly truncated), if ctx is cancelled.
func Generate(ctx context.Context, opts Options) (Summary, error) {
	if opts.Out == "" {
		return Summary{}, fmt.Errorf("%w: empty Out", ErrBadOptions)
	}
	switch opts.Scale {
	case "":
		opts.Scale = ScaleProvince
	case ScaleProvince, ScaleNational:
	default:
		return Summary{}, fmt.Errorf("%w: unknown scale %q", ErrBadOptions, opts.Scale)
	}
	if opts.Factor == 0 {
		opts.Factor = 1
	}
	if math.IsNaN(opts.Factor) || math.IsInf(opts.Factor, 0) || opts.Factor < 0 {
		return Summary{}, fmt.Errorf("%w: factor %v", ErrBadOptions, opts.Factor)
	}
	if err := checkDefects(opts.Defects, opts.Scale); err != nil {
		return Summary{}, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return Summary{}, fmt.Errorf("synth: create output folder: %w", err)
	}
	w := newWorld(opts)
	sum := Summary{Tables: make(map[string]int64, 12)}
	for _, s := range steps {
		start := time.Now()
		tws := make([]*tableWriter, 0, len(s.tables))
		var err error
		for _, t := range s.tables {
			var tw *tableWriter
			tw, err = createTable(opts.Out, t.name, t.header, opts.Progress)
			if err != nil {
				break
			}
			tws = append(tws, tw)
		}
		if err == nil {
			err = s.write(ctx, w, tws)
		}
		for _, tw := range tws {
			if cerr := tw.close(err == nil); err == nil {
				err = cerr
			}
			sum.Tables[tw.name] = tw.rows
			sum.Bytes += tw.bytes
			log.DebugContext(ctx, "synth table written", "table", tw.name, "rows", tw.rows, "bytes", tw.bytes, "elapsed", time.Since(start))
		}
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
				return sum, err
			}
			return sum, fmt.Errorf("synth: %s: %w", s.tables[0].name, err)
		}
	}
	if w.defects != nil {
		sum.Planted = w.defects.planted
	}
	return sum, nil
}

// tableSpec names a table and its header.
type tableSpec struct {
	name   string
	header []string
}

// step writes one or more tables that are generated together.
type step struct {
	tables []tableSpec
	write  func(ctx context.Context, w *world, tws []*tableWriter) error
}

// steps is the writing plan, in order.
var steps = []step{
	{[]tableSpec{{TableRegions, []string{"region_code", "name", "parent_code", "level"}}}, writeRegions},
	{[]tableSpec{{TableIndustries, []string{"industry_code", "name", "sector", "parent_code"}}}, writeIndustries},
	{[]tableSpec{{TableIndustryMap, []string{"year", "region_code", "industry_code", "employment", "value_added"}}}, writeIndustryMap},
	{[]tableSpec{{TableIndustryPriorities, []string{"region_code", "industry_code", "tier", "target_growth", "source"}}}, writeIndustryPriorities},
	{[]tableSpec{{TablePrograms, []string{"program_code", "name", "level", "category_code", "category_name", "duration_years"}}}, writePrograms},
	{[]tableSpec{{TableProgramIndustry, []string{"program_code", "industry_code", "weight"}}}, writeProgramIndustry},
	{[]tableSpec{{TableSchools, []string{"school_code", "name", "region_code", "type", "ownership", "capacity"}}}, writeSchools},
	{[]tableSpec{
		{TableEnrollments, []string{"year", "school_code", "program_code", "intake", "enrolled_total", "graduates", "planned_intake"}},
		{TableOutcomes, []string{"grad_year", "school_code", "program_code", "graduates", "employed", "further_study", "matched", "avg_monthly_salary", "employed_in_province"}},
	}, writeEnrollmentsOutcomes},
	{[]tableSpec{{TableJobPostings, []string{"month", "region_code", "industry_code", "postings", "job_seekers"}}}, writeJobPostings},
	{[]tableSpec{{TableEducationTotals, []string{"year", "region_code", "general_upper_secondary_intake"}}}, writeEducationTotals},
	{[]tableSpec{{TableProgramLists, []string{"region_code", "program_code", "list", "source"}}}, writeProgramLists},
}
