//go:build duckdb_arrow

package warehouse

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/vocmap/vocmap/datasets"
)

// File formats of a table file.
const (
	FormatCSV     = "csv"
	FormatXLSX    = "xlsx"
	FormatParquet = "parquet"
)

// TableFile describes one table file of a dataset as it was staged.
type TableFile struct {
	Table    string
	File     string // the path as named in errors
	Format   string
	Encoding string // CSV only
	SHA256   string
	Bytes    int64
	Rows     int64
	// header maps contract columns to the file's header cells
	header []string
	// example is set when the first data row is a template's example
	example bool
	ok      bool // inspected without error
}

// stager stages a dataset folder into temporary tables on one connection
// and checks it against the contract.
type stager struct {
	conn   *sql.Conn
	arrow  *duckdb.Arrow
	mem    memory.Allocator
	dir    string
	opts   LoadOptions
	files  map[string]*TableFile
	header map[string]map[string]string // table -> contract column -> header text
	staged map[string]bool
	// partial marks staged tables whose reader skipped rows it could not
	// read: checks that look rows up in them would report false errors.
	partial map[string]bool
	errs    []*datasets.RowError
	warns   []*datasets.RowError
	more    int
	// regionCodes holds the staged regions' codes, for the hints of
	// region_code errors; regionFix maps a code that a row of regions
	// wrote short (1401) to that row's error, keyed by the code it meant
	// (140100).
	regionCodes map[string]bool
	regionFix   map[string]*datasets.RowError
	// levelErrs maps a value of regions.level that is not allowed to its
	// error.
	levelErrs map[string]*datasets.RowError
}

func newStager(ctx context.Context, conn *sql.Conn, dir string, opts LoadOptions) (*stager, error) {
	s := &stager{conn: conn, mem: opts.Memory, dir: dir, opts: opts,
		files: map[string]*TableFile{}, header: map[string]map[string]string{}, staged: map[string]bool{}, partial: map[string]bool{},
		regionFix: map[string]*datasets.RowError{}, levelErrs: map[string]*datasets.RowError{}}
	if s.mem == nil {
		s.mem = memory.DefaultAllocator
	}
	err := conn.Raw(func(dc any) error {
		var err error
		s.arrow, err = duckdb.NewArrowFromConn(dc.(driver.Conn))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("warehouse: arrow interface: %w", err)
	}
	if _, err := conn.ExecContext(ctx, stmtT("008_attach_stage.sql", struct{ DB string }{stageDB})); err != nil {
		return nil, fmt.Errorf("warehouse: attach the staging database: %w", err)
	}
	return s, nil
}

// close drops the staged rows.
func (s *stager) close() {
	s.conn.ExecContext(context.Background(), "DETACH DATABASE IF EXISTS "+stageDB)
}

func (s *stager) fail(e *datasets.RowError) {
	if len(s.errs) >= s.opts.maxErrors() {
		s.more++
		return
	}
	s.errs = append(s.errs, e)
}

func (s *stager) warn(e *datasets.RowError) {
	e.Warning = true
	if len(s.warns) < s.opts.maxErrors() {
		s.warns = append(s.warns, e)
	}
}

// locate finds each contract table's file in the folder.
func (s *stager) locate() error {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return folderError(s.dir, err)
	}
	found := map[string][]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
		if ext != FormatCSV && ext != FormatXLSX && ext != FormatParquet {
			continue
		}
		base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
		if datasets.Lookup(base) != nil {
			found[base] = append(found[base], name)
		}
	}
	for _, t := range datasets.Contract {
		names := found[t.Name]
		switch {
		case len(names) == 0 && t.Required:
			s.fail(&datasets.RowError{File: filepath.Join(s.dir, t.Name+".csv"), Rule: "missing_table", Args: []any{t.Name}})
		case len(names) > 1:
			sort.Strings(names)
			s.fail(&datasets.RowError{File: filepath.Join(s.dir, names[0]), Rule: "ambiguous_table", Args: []any{t.Name, strings.Join(names, ", ")}})
		case len(names) == 1:
			name := names[0]
			if re := datasets.CheckDataFile(s.dir, name); re != nil {
				s.fail(re)
				continue
			}
			s.files[t.Name] = &TableFile{Table: t.Name, File: filepath.Join(s.dir, name),
				Format: strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))}
		}
	}
	return nil
}

// folderError turns the error of reading the dataset folder into a
// rejection of the input: a folder that does not exist, or a path that is
// not a folder, is a mistake in the input the user gave, not a failure.
func folderError(dir string, err error) error {
	e := &datasets.RowError{File: dir, Rule: "bad_folder", Args: []any{err.Error()}}
	switch st, serr := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		e.Rule, e.Args = "no_folder", nil
	case serr == nil && !st.IsDir():
		e.Rule, e.Args = "not_folder", nil
	}
	return &datasets.RejectedError{Errors: []*datasets.RowError{e}}
}

// inspect hashes every located file and, for CSV, tells its encoding and
// reads its header, in one pass per file. Problems are recorded as errors.
func (s *stager) inspect() { s.applyInspect(s.inspectFiles()) }

// located returns the located files in contract order.
func (s *stager) located() []*TableFile {
	var files []*TableFile
	for _, t := range datasets.Contract {
		if f := s.files[t.Name]; f != nil {
			files = append(files, f)
		}
	}
	return files
}

// inspectFiles reads the located files in parallel (one pass each) and
// returns each one's problem, in contract order. It touches only each
// file's own encoding, hash and size, so it may run beside the fast path.
func (s *stager) inspectFiles() []error {
	files := s.located()
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = s.inspectFile(f)
		}()
	}
	wg.Wait()
	return errs
}

// applyInspect records the problems inspectFiles found and marks the
// other files as readable.
func (s *stager) applyInspect(errs []error) {
	for i, f := range s.located() {
		if errs[i] != nil {
			s.fileError(f, errs[i])
			continue
		}
		f.ok = true
	}
}

// readHeaders reads the header of every CSV file as UTF-8, for the fast
// path (which reads only UTF-8); a file that has none keeps a nil header.
func (s *stager) readHeaders() {
	for _, f := range s.located() {
		if f.Format == FormatCSV {
			f.header = s.readHeader(f, datasets.UTF8)
			f.example = hasExample(f.File)
		}
	}
}

// hasExample reports whether the CSV file at path has a template's
// example row (datasets.IsExample) as its first data row. The fast path
// leaves such a file to the slow path, which skips the row.
func hasExample(path string) bool {
	fh, err := os.Open(path)
	if err != nil {
		return false
	}
	defer fh.Close()
	r := csv.NewReader(bufio.NewReader(fh))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	if _, err := r.Read(); err != nil {
		return false
	}
	rec, err := r.Read()
	return err == nil && len(rec) > 0 && datasets.IsExample(rec[0])
}

func (s *stager) readHeader(f *TableFile, enc datasets.Encoding) []string {
	rd, err := datasets.OpenCSV(f.File, f.File, enc, s.mem)
	if err != nil {
		return nil
	}
	defer rd.Release()
	return rd.Header()
}

// inspectFile hashes one file and, for CSV, tells its encoding.
func (s *stager) inspectFile(f *TableFile) error {
	if f.Format == FormatCSV {
		enc, sum, err := datasets.InspectCSV(f.File, f.File)
		if err != nil {
			return err
		}
		f.Encoding, f.SHA256 = string(enc), sum
	} else {
		sum, _, err := hashFile(f.File)
		if err != nil {
			return &datasets.RowError{File: f.File, Rule: "bad_file", Args: []any{err.Error()}}
		}
		f.SHA256 = sum
	}
	if st, err := os.Stat(f.File); err == nil {
		f.Bytes = st.Size()
	}
	return nil
}

// stageAll stages every located table.
func (s *stager) stageAll(ctx context.Context) error {
	for _, t := range datasets.Contract {
		f := s.files[t.Name]
		if f == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		if err := s.stageTable(ctx, t, f); err != nil {
			return err
		}
		s.opts.logger().Debug("staged table", "table", t.Name, "rows", f.Rows, "seconds", time.Since(start).Seconds())
		if s.opts.Progress != nil && s.staged[t.Name] {
			s.opts.Progress(t.Name, f.Rows)
		}
	}
	return nil
}

// stageDB is the in-memory database, attached to the stager's connection,
// that holds the staged rows: staging in memory keeps the warehouse file
// out of the work until the commit.
const stageDB = "vocmap_stage"

func rawName(t string) string { return stageDB + "." + QuoteIdent("raw_"+t) }
func stgName(t string) string { return stageDB + "." + QuoteIdent("stg_"+t) }

// stageTable reads one file into raw_<table>, maps its header onto the
// contract and writes the cleaned text of every contract column into
// stg_<table>. Problems of the file itself are recorded as errors.
func (s *stager) stageTable(ctx context.Context, t *datasets.Table, f *TableFile) error {
	t0 := time.Now()
	if !f.ok {
		return nil // inspect reported why
	}
	raw := rawName(t.Name)
	var header, phys []string
	rowExpr := "rowid + 2"
	switch f.Format {
	case FormatCSV:
		enc := datasets.Encoding(f.Encoding)
		var err error
		if enc != datasets.GB18030 {
			header, phys, err = s.duckCSV(ctx, f, raw)
			if err != nil {
				return err
			}
		}
		if phys == nil {
			rd, err := datasets.OpenCSV(f.File, f.File, enc, s.mem)
			if err != nil {
				return s.fileError(f, err)
			}
			header, phys, err = s.viaArrow(ctx, t, rd, raw)
			if err != nil {
				return err
			}
			rowExpr = datasets.RowColumn
		}
	case FormatXLSX:
		rd, err := datasets.OpenXLSX(f.File, f.File, s.mem)
		if err != nil {
			return s.fileError(f, err)
		}
		header, phys, err = s.viaArrow(ctx, t, rd, raw)
		if err != nil {
			return err
		}
		rowExpr = datasets.RowColumn
	case FormatParquet:
		q := stmtT("009_raw_parquet.sql", struct{ Raw, File string }{raw, f.File})
		if _, err := s.conn.ExecContext(ctx, q); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.fail(&datasets.RowError{File: f.File, Rule: "bad_file", Args: []any{firstLine(err.Error())}})
			return nil
		}
		var err error
		if phys, err = s.columns(ctx, "raw_"+t.Name); err != nil {
			return err
		}
		header = phys
	}
	if phys == nil {
		return nil // the reader reported why
	}
	s.opts.logger().Debug("read", "table", t.Name, "seconds", time.Since(t0).Seconds())
	return s.clean(ctx, t, f, header, phys, rowExpr)
}

func (s *stager) fileError(f *TableFile, err error) error {
	var re *datasets.RowError
	if errors.As(err, &re) {
		s.fail(re)
		return nil
	}
	return err
}

// duckCSV loads a UTF-8 CSV with DuckDB's reader. When DuckDB refuses the
// file, it returns phys == nil so that the Go reader reads it again and
// locates the problem.
func (s *stager) duckCSV(ctx context.Context, f *TableFile, raw string) (header, phys []string, err error) {
	if f.header == nil {
		f.header = s.readHeader(f, datasets.Encoding(f.Encoding))
	}
	header = f.header
	q := stmtT("010_raw_csv.sql", struct{ Raw, File string }{raw, f.File})
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		s.opts.logger().Debug("duckdb read_csv refused the file; reading it with the Go reader", "file", f.File, "err", firstLine(err.Error()))
		return nil, nil, nil
	}
	phys, err = s.columns(ctx, "raw_"+f.Table)
	if err != nil {
		return nil, nil, err
	}
	if len(phys) != len(header) {
		return nil, nil, nil
	}
	return header, phys, nil
}

// viaArrow copies a Go reader's record batches into raw through an Arrow
// view.
func (s *stager) viaArrow(ctx context.Context, t *datasets.Table, rd datasets.Reader, raw string) (header, phys []string, err error) {
	defer rd.Release()
	view := "arrow_" + t.Name
	release, err := s.arrow.RegisterView(rd, view)
	if err != nil {
		return nil, nil, fmt.Errorf("warehouse: register arrow view for %s: %w", t.Name, err)
	}
	_, err = s.conn.ExecContext(ctx, stmtT("011_raw_arrow.sql", struct{ Raw, View string }{raw, view}))
	release()
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, fmt.Errorf("warehouse: stage %s: %w", t.Name, err)
	}
	for _, e := range rd.Errors() {
		s.fail(e)
		s.partial[t.Name] = true
	}
	header = rd.Header()
	phys = make([]string, len(header))
	for i := range header {
		phys[i] = datasets.PhysicalName(i)
	}
	return header, phys, nil
}

// columns lists the columns of a staged raw table.
func (s *stager) columns(ctx context.Context, table string) ([]string, error) {
	return s.strings(ctx, stmt("012_raw_columns.sql"), stageDB, table)
}

// strings runs a query of one text column and returns its values.
func (s *stager) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("warehouse: %s: %w", firstLine(q), err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// clean maps the header onto the contract and writes stg_<table>: _row
// plus one VARCHAR column per contract column, trimmed, empty as NULL,
// codes padded and thousands separators dropped where the contract says.
func (s *stager) clean(ctx context.Context, t *datasets.Table, f *TableFile, header, phys []string, rowExpr string) error {
	src, ok := s.mapHeader(t, f, header, phys)
	if !ok {
		s.conn.ExecContext(ctx, stmtT("015_drop_raw.sql", struct{ Raw string }{rawName(t.Name)}))
		return nil
	}
	// a template's example row (its first cell starts with 示例) is
	// skipped, and said so
	skip := ""
	if len(phys) > 0 {
		var ex int64
		q := stmtT("013_raw_first_row.sql", struct{ Row, First, Raw string }{rowExpr, phys[0], rawName(t.Name)})
		var first sql.NullString
		err := s.conn.QueryRowContext(ctx, q).Scan(&ex, &first)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("warehouse: read the first row of %s: %w", t.Name, err)
		case first.Valid && datasets.IsExample(first.String):
			skip = fmt.Sprintf(" WHERE _row <> %d", ex)
			s.warn(&datasets.RowError{File: f.File, Row: int(ex), Rule: "example_row"})
		}
	}
	inner := []string{rowExpr + " AS _row"}
	outer := []string{"_row"}
	for _, c := range t.Columns {
		p, present := src[c.Name]
		if !present {
			inner = append(inner, "NULL::VARCHAR AS "+QuoteIdent(c.Name))
		} else {
			// trim() drops spaces only: trimming a list of characters costs
			// DuckDB three times as much, and a tab inside a value is
			// reported as a bad value rather than silently dropped
			inner = append(inner, fmt.Sprintf(`NULLIF(trim(CAST(%s AS VARCHAR)), '') AS %s`, QuoteIdent(p), QuoteIdent(c.Name)))
		}
		outer = append(outer, s.cleanExpr(t, c, stgName)+" AS "+QuoteIdent(c.Name))
	}
	q := stmtT("014_clean.sql", struct{ Staged, Outer, Inner, Raw, Where string }{
		stgName(t.Name), strings.Join(outer, ", "), strings.Join(inner, ", "), rawName(t.Name), skip})
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("warehouse: clean %s: %w", t.Name, err)
	}
	if _, err := s.conn.ExecContext(ctx, stmtT("015_drop_raw.sql", struct{ Raw string }{rawName(t.Name)})); err != nil {
		return err
	}
	if err := s.conn.QueryRowContext(ctx, stmtT("016_count_staged.sql", struct{ Staged string }{stgName(t.Name)})).Scan(&f.Rows); err != nil {
		return err
	}
	s.staged[t.Name] = true
	return nil
}

// mapHeader matches a file's header cells to the contract's columns and
// returns, for each contract column present, its physical column. Unknown
// columns are warnings; duplicate and missing columns are errors (ok is
// false then).
func (s *stager) mapHeader(t *datasets.Table, f *TableFile, header, phys []string) (src map[string]string, ok bool) {
	hdr := map[string]string{}
	src = map[string]string{}
	firstAt := map[string]int{}
	ok = true
	for i, h := range header {
		c, found := t.Match(h)
		if !found {
			if strings.TrimSpace(h) != "" {
				s.warn(&datasets.RowError{File: f.File, Row: 1, Column: h, Rule: "unknown_column"})
			}
			continue
		}
		if j, dup := firstAt[c.Name]; dup {
			s.fail(&datasets.RowError{File: f.File, Row: 1, Column: h, Rule: "duplicate_column", Args: []any{j + 1, c.Name}})
			ok = false
			continue
		}
		firstAt[c.Name] = i
		hdr[c.Name] = strings.TrimSpace(h)
		src[c.Name] = phys[i]
	}
	for _, c := range t.Columns {
		if _, present := src[c.Name]; !present && !c.Optional {
			s.fail(&datasets.RowError{File: f.File, Row: 1, Column: c.Name, Rule: "missing_column", Args: []any{c.Name, c.Alias}})
			ok = false
		}
	}
	s.header[t.Name] = hdr
	return src, ok
}

// The regular expressions of the contract's text forms (RE2, full match).
const (
	// a number as DuckDB's CSV reader reads a DOUBLE (digits may be
	// grouped with '_'), so that both load paths accept the same values
	reNumber    = `[+-]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]+)?`
	reThousands = `[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?`
	reCode6     = `[0-9]{6}`
	reRegion    = `[1-9][0-9]{5}`
	reCode2     = `[0-9]{2}`
	reMonth     = `[0-9]{4}-(0[1-9]|1[0-2])`
	reDate      = `[0-9]{4}-[0-9]{2}-[0-9]{2}`
)

// cleanExpr is the SQL that cleans column c of table t: numbers lose their
// thousands separators, codes their spreadsheet form (140100.0), and a
// program code of fewer than 6 digits gets its leading zeros back where
// the padded code exists (padTo). rel names the relation of a table
// loaded before t, on the path that cleans it.
func (s *stager) cleanExpr(t *datasets.Table, c datasets.Column, rel func(string) string) string {
	v := QuoteIdent(c.Name)
	switch c.Kind {
	case datasets.Region:
		// never padded: GB/T 2260 codes do not start with 0, and a short
		// code is an error with a hint (regionHints)
		return fmt.Sprintf(`CASE WHEN regexp_full_match(%[1]s, '[0-9]{6}\.0+') THEN split_part(%[1]s, '.', 1) ELSE %[1]s END`, v)
	case datasets.Code6:
		digits := fmt.Sprintf(`CASE WHEN regexp_full_match(%[1]s, '[0-9]{1,6}\.0+') THEN split_part(%[1]s, '.', 1) ELSE %[1]s END`, v)
		padded := "lpad(" + digits + ", 6, '0')"
		short := fmt.Sprintf("regexp_full_match(%s, '[0-9]{1,5}')", digits)
		var in []string
		for _, r := range s.padTo(t, c) {
			in = append(in, fmt.Sprintf("%s IN (SELECT %s FROM %s)", padded, QuoteIdent(r.column), rel(r.table)))
		}
		switch {
		case t.Name == "programs" && c.Name == "program_code", t.Name == "program_code_map" && c.Name == "old_code":
			// the table that defines the code: the padded code is the one
			// in programs (or program_code_map)
		case len(in) == 0:
			return digits
		default:
			short += " AND (" + strings.Join(in, " OR ") + ")"
		}
		return fmt.Sprintf(`CASE WHEN %s THEN %s ELSE %s END`, short, padded, digits)
	case datasets.Int, datasets.Number:
		return fmt.Sprintf(`CASE WHEN contains(%[1]s, ',') AND regexp_full_match(%[1]s, '%[2]s') THEN replace(%[1]s, ',', '') ELSE %[1]s END`, v, reThousands)
	case datasets.Industry:
		return "upper(" + v + ")"
	case datasets.Enum:
		// a Chinese name is mapped to its code (省 -> province)
		var when []string
		for i, names := range c.EnumZH {
			for _, n := range names {
				when = append(when, fmt.Sprintf("WHEN %s THEN %s", QuoteString(n), QuoteString(c.Enum[i])))
			}
		}
		if len(when) == 0 {
			return "lower(" + v + ")"
		}
		return fmt.Sprintf("CASE %s %s ELSE lower(%s) END", v, strings.Join(when, " "), v)
	case datasets.Month:
		return fmt.Sprintf(`CASE WHEN regexp_full_match(%[1]s, '[0-9]{4}[-/][1-9]') THEN left(%[1]s, 4) || '-0' || right(%[1]s, 1)
			WHEN regexp_full_match(%[1]s, '[0-9]{4}/[0-9]{2}') THEN replace(%[1]s, '/', '-')
			WHEN regexp_full_match(%[1]s, '[0-9]{5}(\.0+)?')
				THEN strftime(DATE '1899-12-30' + CAST(CAST(%[1]s AS DOUBLE) AS INTEGER), '%%Y-%%m')
			ELSE %[1]s END`, v)
	case datasets.Date:
		return fmt.Sprintf(`CASE WHEN regexp_full_match(%[1]s, '[0-9]{5}(\.0+)?')
				THEN strftime(DATE '1899-12-30' + CAST(CAST(%[1]s AS DOUBLE) AS INTEGER), '%%Y-%%m-%%d')
			WHEN regexp_full_match(%[1]s, '[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}')
				THEN coalesce(strftime(try_strptime(%[1]s, '%%Y/%%m/%%d'), '%%Y-%%m-%%d'), %[1]s)
			WHEN regexp_full_match(%[1]s, '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]00:00:00(\.0+)?') THEN left(%[1]s, 10)
			ELSE %[1]s END`, v)
	}
	return v
}

// codeRef is a column of a table that holds codes.
type codeRef struct{ table, column string }

// padTo lists where a short program code of column c of table t must
// exist, padded, to be padded (contract v1.2): the codes of programs and,
// for the codes enrollments and outcomes carry through program_code_map,
// the map's old codes — those of the tables already staged.
func (s *stager) padTo(t *datasets.Table, c datasets.Column) []codeRef {
	var out []codeRef
	if s.staged["programs"] && !s.partial["programs"] {
		out = append(out, codeRef{"programs", "program_code"})
	}
	if isMappedCode(t, c) && s.staged["program_code_map"] && !s.partial["program_code_map"] {
		out = append(out, codeRef{"program_code_map", "old_code"})
	}
	return out
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
