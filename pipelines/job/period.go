//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// PeriodError reports a period outside the years the run's data can speak
// for: before the first year of the industry map, or more than
// PeriodYearsAhead years after its last. The data, not the machine's
// clock, sets the range, so that a rerun of an old month in a later year
// behaves as it did.
type PeriodError struct {
	Period      string
	First, Last int // the industry map's first and last years
}

// PeriodYearsAhead is how many years after the data's last year a period
// may be: a monthly run of 2027 on data to 2025 is normal (the yearbook
// lags), one of 2035 is a typo.
const PeriodYearsAhead = 2

func (e *PeriodError) Error() string {
	return fmt.Sprintf("job: period %s is outside the data's years: the industry map covers %d–%d, so a period must lie between %d-01 and %d-12",
		e.Period, e.First, e.Last, e.First, e.Last+PeriodYearsAhead)
}

// checkPeriodYears refuses a period outside the snapshot's years (the
// snapshot's views are in place on conn).
func checkPeriodYears(ctx context.Context, conn *sql.Conn, period string) error {
	year, err := strconv.Atoi(period[:4])
	if err != nil {
		return fmt.Errorf("job: period %q: must be YYYY-MM", period)
	}
	var first, last sql.NullInt64
	if err := conn.QueryRowContext(ctx, metaSQL("006_map_years.sql")).Scan(&first, &last); err != nil {
		return fmt.Errorf("job: the data's years: %w", err)
	}
	if !first.Valid { // an empty map: the marts say what is missing
		return nil
	}
	if year < int(first.Int64) || year > int(last.Int64)+PeriodYearsAhead {
		return &PeriodError{Period: period, First: int(first.Int64), Last: int(last.Int64)}
	}
	return nil
}
