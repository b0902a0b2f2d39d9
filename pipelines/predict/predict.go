// Package predict runs the forecasting engine (analytics/forecast) on
// series files: it reads long-format series (series_id, t, value) from
// CSV or Parquet through DuckDB, forecasts or backtests every series in
// parallel, and writes the forecasts as CSV or Parquet.
package predict

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// ReadSeries reads a long-format series file (CSV or Parquet, by
// extension) with the columns series_id, t and value, in any row order;
// t is an integer or a date. Series come back ordered by id, values by
// t. A missing or non-finite value, a repeated (series_id, t) or a
// missing column is a *datasets.RejectedError naming the file, row and
// column.
func ReadSeries(ctx context.Context, path string, frequency int) ([]forecast.Series, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, &datasets.RejectedError{Errors: []*datasets.RowError{{File: path, Rule: "bad_file", Args: []any{err.Error()}}}}
	}
	conn, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	db.SetMaxOpenConns(1)
	var reader string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".parquet":
		reader = "read_parquet(" + warehouse.QuoteString(path) + ")"
	case ".csv":
		reader = "read_csv(" + warehouse.QuoteString(path) + ", header = true)"
	default:
		return nil, fmt.Errorf("predict: %s: the input must be .csv or .parquet", path)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE raw AS SELECT * FROM "+reader); err != nil {
		return nil, &datasets.RejectedError{Errors: []*datasets.RowError{{File: path, Rule: "bad_file", Args: []any{firstLine(err.Error())}}}}
	}
	cols := map[string]string{}
	rows, err := db.QueryContext(ctx, "SELECT column_name FROM (DESCRIBE raw)")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		cols[strings.ToLower(strings.TrimSpace(n))] = n
	}
	rows.Close()
	var missing []*datasets.RowError
	for _, c := range []string{"series_id", "t", "value"} {
		if _, ok := cols[c]; !ok {
			missing = append(missing, &datasets.RowError{File: path, Row: 1, Column: c, Rule: "missing_column", Args: []any{c, c}})
		}
	}
	if len(missing) > 0 {
		return nil, &datasets.RejectedError{Errors: missing}
	}
	q := func(c string) string { return warehouse.QuoteIdent(cols[c]) }
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE s AS SELECT rowid + 2 AS _row,
		CAST(%s AS VARCHAR) AS series_id, %s AS t, TRY_CAST(%s AS DOUBLE) AS value, CAST(%s AS VARCHAR) AS raw_value FROM raw`,
		q("series_id"), q("t"), q("value"), q("value"))); err != nil {
		return nil, &datasets.RejectedError{Errors: []*datasets.RowError{{File: path, Rule: "bad_file", Args: []any{firstLine(err.Error())}}}}
	}
	var errs []*datasets.RowError
	bad, err := db.QueryContext(ctx, `SELECT _row, coalesce(series_id, ''), CAST(t AS VARCHAR), coalesce(raw_value, ''), kind FROM (
			SELECT _row, series_id, t, raw_value, CASE
				WHEN series_id IS NULL THEN 'series_id'
				WHEN t IS NULL THEN 't'
				WHEN value IS NULL OR NOT isfinite(value) THEN 'value'
				WHEN count(*) OVER (PARTITION BY series_id, t) > 1 THEN 'duplicate' END AS kind
			FROM s) WHERE kind IS NOT NULL ORDER BY _row LIMIT 1000`)
	if err != nil {
		return nil, err
	}
	for bad.Next() {
		var row int64
		var id, t, v, kind string
		if err := bad.Scan(&row, &id, &t, &v, &kind); err != nil {
			bad.Close()
			return nil, err
		}
		e := &datasets.RowError{File: path, Row: int(row), Column: kind, Rule: "series_value", Args: []any{id, t, v}}
		switch kind {
		case "series_id", "t":
			e.Rule = "required"
			e.Args = nil
		case "duplicate":
			e.Column, e.Rule, e.Args = "t", "series_duplicate", []any{id, t}
		}
		errs = append(errs, e)
	}
	bad.Close()
	if len(errs) > 0 {
		return nil, &datasets.RejectedError{Errors: errs}
	}
	rows, err = db.QueryContext(ctx, "SELECT series_id, value FROM s ORDER BY series_id, t")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []forecast.Series
	for rows.Next() {
		var id string
		var v float64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, forecast.Series{ID: id, Frequency: frequency})
		}
		s := &out[len(out)-1]
		s.Values = append(s.Values, v)
	}
	return out, rows.Err()
}

// Forecast forecasts every series with opts (in parallel, opts.Workers
// goroutines); the results are in series order, identical whatever the
// number of workers.
func Forecast(ctx context.Context, series []forecast.Series, opts forecast.Options) ([]forecast.Result, error) {
	return forecast.ForecastAll(ctx, series, opts)
}

// Columns returns the output columns for the interval levels:
// series_id, h, forecast, lo80, hi80, lo95, hi95, method.
func Columns(levels []float64) []string {
	cols := []string{"series_id", "h", "forecast"}
	for _, l := range levels {
		name := export.FormatFloat(l)
		cols = append(cols, "lo"+name, "hi"+name)
	}
	return append(cols, "method")
}

// Table lays the forecasts out as rows of Columns(levels).
func Table(results []forecast.Result, levels []float64) export.Result {
	r := export.Result{Columns: Columns(levels)}
	for _, res := range results {
		for h := range res.Mean {
			row := []any{res.ID, int64(h + 1), res.Mean[h]}
			for i := range levels {
				var lo, hi any
				if i < len(res.Lower) {
					lo, hi = res.Lower[i][h], res.Upper[i][h]
				}
				row = append(row, lo, hi)
			}
			r.Rows = append(r.Rows, append(row, res.Method))
		}
	}
	return r
}

// Write writes a table as CSV (UTF-8, a header row, numbers in full
// precision, the series ids through export.SafeText) or Parquet (strings,
// BIGINT h and DOUBLEs), by path's extension, with export.WriteAtomic: a
// path that is a symlink, a named pipe or a device is refused.
func Write(ctx context.Context, path string, t export.Result) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return export.WriteAtomic(path, func(w io.Writer) error { return export.WriteResult(w, safeText(t), export.FormatCSV) })
	case ".parquet":
		return export.WriteAtomicPath(path, func(tmp string) error { return writeParquet(ctx, tmp, t) })
	}
	return fmt.Errorf("predict: %s: the output must be .csv or .parquet", path)
}

// safeText returns t with its text cells (the series ids) through
// export.SafeText, for a CSV that a spreadsheet may open; numbers are
// unchanged.
func safeText(t export.Result) export.Result {
	out := export.Result{Columns: t.Columns, Rows: make([][]any, len(t.Rows))}
	for i, row := range t.Rows {
		r := make([]any, len(row))
		for j, v := range row {
			if s, ok := v.(string); ok {
				v = export.SafeText(s)
			}
			r[j] = v
		}
		out.Rows[i] = r
	}
	return out
}

// writeParquet writes the table through DuckDB: the rows go in as a CSV
// written to a temporary file (text in full precision) and come out typed.
func writeParquet(ctx context.Context, path string, t export.Result) error {
	tmp, err := os.CreateTemp("", "vocmap-forecast-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := export.WriteResult(tmp, t, export.FormatCSV); err != nil {
		tmp.Close()
		return err
	}
	tmp.Close()
	conn, err := duckdb.NewConnector("", nil)
	if err != nil {
		return err
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	types := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		switch {
		case c == "series_id" || c == "method":
			types[i] = warehouse.QuoteString(c) + ": 'VARCHAR'"
		case c == "h":
			types[i] = warehouse.QuoteString(c) + ": 'BIGINT'"
		default:
			types[i] = warehouse.QuoteString(c) + ": 'DOUBLE'"
		}
	}
	_, err = db.ExecContext(ctx, fmt.Sprintf(`COPY (SELECT * FROM read_csv(%s, header = true, auto_detect = false, columns = {%s}))
		TO %s (FORMAT parquet)`, warehouse.QuoteString(tmp.Name()), strings.Join(types, ", "), warehouse.QuoteString(path)))
	return err
}

// BacktestRow is the rolling-origin accuracy of one series.
type BacktestRow struct {
	ID          string
	Origins     int
	SMAPE, MASE float64
	Err         error
}

// Backtest runs a rolling-origin backtest of every series (in parallel,
// opts.Workers goroutines), in series order. A series too short for the
// backtest gets its error in Err and does not stop the others.
func Backtest(ctx context.Context, series []forecast.Series, opts forecast.Options, origins int) ([]BacktestRow, error) {
	res, errs, err := forecast.BacktestAll(ctx, series, opts, origins)
	if err != nil {
		return nil, err
	}
	out := make([]BacktestRow, len(series))
	for i, s := range series {
		out[i] = BacktestRow{ID: s.ID, Origins: len(res[i].Origins), SMAPE: res[i].SMAPE, MASE: res[i].MASE, Err: errs[i]}
	}
	return out, nil
}

// BacktestTable lays out backtest rows with a last row "(mean)" over the
// series that could be backtested.
func BacktestTable(rows []BacktestRow) export.Result {
	r := export.Result{Columns: []string{"series_id", "origins", "smape", "mase", "note"}}
	var sm, ms float64
	n := 0
	for _, b := range rows {
		if b.Err != nil {
			r.Rows = append(r.Rows, []any{b.ID, int64(0), nil, nil, b.Err.Error()})
			continue
		}
		note := ""
		if math.IsInf(b.MASE, 0) || math.IsNaN(b.MASE) {
			note = "MASE undefined (constant history)"
		} else {
			ms += b.MASE
		}
		sm += b.SMAPE
		n++
		r.Rows = append(r.Rows, []any{b.ID, int64(b.Origins), b.SMAPE, b.MASE, note})
	}
	if n > 0 {
		r.Rows = append(r.Rows, []any{"(mean)", int64(n), sm / float64(n), ms / float64(n), ""})
	}
	return r
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
