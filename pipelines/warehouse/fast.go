//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/vocmap/vocmap/datasets"
)

// fastCandidate reports whether every file is CSV or Parquet, which the
// fast path may try before the encodings are known.
func (s *stager) fastCandidate() bool {
	for _, f := range s.files {
		if f.Format != FormatCSV && f.Format != FormatParquet {
			return false
		}
	}
	return len(s.errs) == 0
}

// fastEligible reports whether DuckDB can read every file itself: UTF-8
// CSV and Parquet. GB18030 CSV and XLSX go through the Go readers, on the
// slow path.
func (s *stager) fastEligible() bool {
	for _, f := range s.files {
		if !f.ok {
			return false
		}
		switch {
		case f.Format == FormatParquet:
		case f.Format == FormatCSV && (f.Encoding == string(datasets.UTF8) || f.Encoding == string(datasets.UTF8BOM)):
		default:
			return false
		}
	}
	return true
}

// loadedRel names the rows of a table loaded as snapshot id, shaped like
// a staged table (a dummy _row), so that the cross checks run on them.
func loadedRel(id int64) func(string) string {
	return func(table string) string {
		return stmtT("017_loaded_rel.sql", struct {
			Table    string
			Snapshot int64
		}{table, id})
	}
}

// fast loads the dataset in one transaction straight from DuckDB's readers
// and checks it there. It reports ok=false, having rolled back, when any
// rule is broken, when a finding would need locating, or when DuckDB
// cannot read a file with the contract's types; the slow path then finds
// and locates every problem. With commit false it always rolls back.
//
// verdict is called once every file is loaded: it waits for the files'
// inspection and reports whether they are all readable UTF-8 CSV or
// Parquet; the load is kept only then.
func (s *stager) fast(ctx context.Context, commit bool, verdict func() bool) (res *LoadResult, ok bool, err error) {
	if _, err := s.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return nil, false, err
	}
	done := false
	defer func() {
		if !done {
			s.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	id, err := s.nextSnapshot(ctx)
	if err != nil {
		return nil, false, err
	}
	rel := loadedRel(id)
	log := s.opts.logger()
	for _, t := range datasets.Contract {
		f := s.files[t.Name]
		if f == nil {
			continue
		}
		src, good, err := s.fastSource(ctx, t, f, rel)
		if err != nil || !good {
			return nil, false, err
		}
		if err := s.insert(ctx, t, id, src, rel("program_code_map")); err != nil {
			if ctx.Err() != nil {
				return nil, false, ctx.Err()
			}
			log.Debug("fast path: falling back", "table", t.Name, "err", firstLine(err.Error()))
			return nil, false, nil
		}
		s.staged[t.Name] = true
		if s.opts.Progress != nil {
			s.opts.Progress(t.Name, f.Rows)
		}
	}
	for _, c := range crossChecks(rel) {
		if !s.ready(c.needs) || c.inFlight {
			continue
		}
		q := c.guard
		if q == "" {
			q = stmtT("018_count_findings.sql", struct{ Query string }{c.query})
		}
		var n int64
		t0 := time.Now()
		if err := s.conn.QueryRowContext(ctx, q).Scan(&n); err != nil {
			if ctx.Err() != nil {
				return nil, false, ctx.Err()
			}
			return nil, false, fmt.Errorf("warehouse: check %s on %s: %w", c.rule, c.table, err)
		}
		log.Debug("fast path: check", "rule", c.rule, "table", c.table, "seconds", time.Since(t0).Seconds())
		if n > 0 {
			log.Debug("fast path: falling back", "rule", c.rule, "table", c.table, "findings", n)
			return nil, false, nil
		}
	}
	if !verdict() {
		log.Debug("fast path: falling back", "reason", "a file is not readable UTF-8")
		return nil, false, nil
	}
	res = s.result()
	if !commit {
		return res, true, nil // the deferred rollback throws the load away
	}
	if err := s.writeSnapshot(ctx, id, res); err != nil {
		return nil, false, err
	}
	if _, err := s.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, false, err
	}
	done = true
	return res, true, nil
}

// fastSource returns a relation that reads table t's file with DuckDB and
// yields one column per contract column, named after it: numbers as
// DOUBLE, the rest as cleaned text, every cell rule checked on the way
// (a broken one raises an error and stops the statement). ok is false when
// the header does not match the contract.
func (s *stager) fastSource(ctx context.Context, t *datasets.Table, f *TableFile, loaded func(string) string) (rel string, ok bool, err error) {
	var header, phys []string
	switch f.Format {
	case FormatCSV:
		header = f.header
		phys = make([]string, len(header))
		for i := range header {
			phys[i] = datasets.PhysicalName(i)
		}
	case FormatParquet:
		cols, err := s.parquetColumns(ctx, f.File)
		if err != nil {
			s.opts.logger().Debug("fast path: cannot describe", "file", f.File, "err", firstLine(err.Error()))
			return "", false, nil
		}
		header, phys = cols, cols
	}
	if f.example {
		return "", false, nil // the slow path skips the example row
	}
	if f.Format == FormatParquet && len(phys) > 0 {
		var first sql.NullString
		q := stmtT("019_parquet_first_cell.sql", struct{ Column, File string }{phys[0], f.File})
		if err := s.conn.QueryRowContext(ctx, q).Scan(&first); err == nil && first.Valid && datasets.IsExample(first.String) {
			return "", false, nil
		}
	}
	src, ok := s.mapHeader(t, f, header, phys)
	if !ok {
		return "", false, nil
	}
	numeric := map[string]bool{}
	for _, c := range t.Columns {
		if p, present := src[c.Name]; present && (c.Kind == datasets.Int || c.Kind == datasets.Number) {
			numeric[p] = true
		}
	}
	var reader string
	switch f.Format {
	case FormatCSV:
		types := make([]string, len(phys))
		for i, p := range phys {
			typ := "VARCHAR"
			if numeric[p] {
				typ = "DOUBLE"
			}
			types[i] = QuoteString(p) + ": " + QuoteString(typ)
		}
		reader = stmtT("020_fast_csv.sql", struct{ File, Columns string }{f.File, strings.Join(types, ", ")})
	case FormatParquet:
		sel := make([]string, 0, len(src))
		for _, p := range src {
			if numeric[p] {
				sel = append(sel, fmt.Sprintf("CAST(%s AS DOUBLE) AS %s", QuoteIdent(p), QuoteIdent(p)))
			} else {
				sel = append(sel, fmt.Sprintf("CAST(%s AS VARCHAR) AS %s", QuoteIdent(p), QuoteIdent(p)))
			}
		}
		if len(sel) == 0 {
			return "", false, nil
		}
		reader = stmtT("021_fast_parquet.sql", struct{ Select, File string }{strings.Join(sel, ", "), f.File})
	}
	base := make([]string, len(t.Columns))
	clean := make([]string, len(t.Columns))
	check := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		name := QuoteIdent(c.Name)
		isNum := c.Kind == datasets.Int || c.Kind == datasets.Number
		p, present := src[c.Name]
		switch {
		case !present && isNum:
			base[i] = "NULL::DOUBLE AS " + name
		case !present:
			base[i] = "NULL::VARCHAR AS " + name
		case isNum:
			base[i] = QuoteIdent(p) + " AS " + name
		default:
			base[i] = fmt.Sprintf("NULLIF(trim(%s), '') AS %s", QuoteIdent(p), name)
		}
		if isNum {
			clean[i] = name
		} else {
			clean[i] = s.cleanExpr(t, c, loaded) + " AS " + name
		}
		var conds []string
		for _, rc := range rowChecks(c, name, true) {
			conds = append(conds, "("+rc.cond+")") // CASE takes NULL as false
		}
		// references to tables loaded before are checked here too, on the
		// rows in flight, rather than by reading the loaded rows back
		if c.Ref != "" && c.Ref != t.Name && s.staged[c.Ref] {
			ref := datasets.Lookup(c.Ref)
			in := fmt.Sprintf("%s IN (SELECT %s FROM %s)", name, QuoteIdent(ref.Key[0]), loaded(ref.Name))
			if isMappedCode(t, c) && s.staged["program_code_map"] {
				in += fmt.Sprintf(" OR %s IN (SELECT old_code FROM %s)", name, loaded("program_code_map"))
			}
			conds = append(conds, fmt.Sprintf("(%s IS NOT NULL AND NOT coalesce(%s, false))", name, in))
		}
		if len(conds) == 0 {
			check[i] = name
		} else {
			check[i] = fmt.Sprintf("CASE WHEN %s THEN error(%s) ELSE %s END AS %s", strings.Join(conds, " OR "),
				QuoteString("vocmap: "+t.Name+"."+c.Name+" breaks a rule"), name, name)
		}
	}
	rel = stmtT("022_fast_rel.sql", struct{ Check, Clean, Base, Reader string }{
		strings.Join(check, ", "), strings.Join(clean, ", "), strings.Join(base, ", "), reader})
	return rel, true, nil
}

// parquetColumns lists the columns of a Parquet file.
func (s *stager) parquetColumns(ctx context.Context, file string) ([]string, error) {
	return s.strings(ctx, stmtT("023_parquet_columns.sql", struct{ File string }{file}))
}
