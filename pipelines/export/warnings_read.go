package export

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"math"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// query returns the embedded SQL file sql/name.
func query(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name)
	if err != nil {
		panic(err) // the files are embedded: a missing one is a build error
	}
	return string(b)
}

// Querier runs a query: a *sql.DB, or a *sql.Conn inside the run's
// transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// WarningFilter selects rows of the warning list; empty fields select
// all.
type WarningFilter struct {
	// Region keeps the rows of a region: a province's own rows and every
	// row of its cities and schools, or a city's rows and its schools'.
	Region string
	// Scope is province, city or school.
	Scope string
	// Level is secondary, higher or bachelor.
	Level string
	// Signal is red, yellow or green.
	Signal string
}

// ReadWarnings returns the warning list of the run runID from the
// warehouse (results.warnings), filtered, in the contract's shape with
// the reasons in lang ("en", else Chinese), sorted red, yellow, green,
// then province, city, school, then by region, school and program code
// (sql/001_warnings.sql). It adds what the run does not store:
// region_name and school_name from the run's own snapshot (snap.regions,
// snap.schools: a re-export of an old run names what that run read), and
// periods_flagged from the earlier periods' latest baseline runs. NULL
// numbers come back as NaN.
func ReadWarnings(ctx context.Context, q Querier, runID string, f WarningFilter, lang string) ([]Warning, error) {
	if lang != "en" {
		lang = "zh"
	}
	rows, err := q.QueryContext(ctx, query("001_warnings.sql"), runID, f.Region, f.Scope, f.Level, f.Signal, lang)
	if err != nil {
		return nil, fmt.Errorf("export: sql/001_warnings.sql: %w", err)
	}
	defer rows.Close()
	var out []Warning
	for rows.Next() {
		var r Warning
		var ratio, placement, score, intake, prob sql.NullFloat64
		var flagged int64
		if err := rows.Scan(&r.RunID, &r.Period, &r.Scope, &r.RegionCode, &r.SchoolCode, &r.ProgramCode, &r.ProgramName, &r.Level,
			&r.Signal, &r.Recommendation, &ratio, &placement, &score, &r.Reasons, &r.ReasonsText,
			&r.RegionName, &r.SchoolName, &intake, &r.Market, &prob, &flagged); err != nil {
			return nil, fmt.Errorf("export: sql/001_warnings.sql: %w", err)
		}
		r.SupplyDemandRatio, r.PlacementRate, r.Score = nullNaN(ratio), nullNaN(placement), nullNaN(score)
		r.CurrentIntake, r.ProbabilityOversupplied, r.PeriodsFlagged = nullNaN(intake), nullNaN(prob), int(flagged)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: sql/001_warnings.sql: %w", err)
	}
	return out, nil
}

func nullNaN(v sql.NullFloat64) float64 {
	if !v.Valid {
		return math.NaN()
	}
	return v.Float64
}
