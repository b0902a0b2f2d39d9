//go:build duckdb_arrow

package warehouse

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/vocmap/vocmap/datasets"
)

// LoadOptions configures Ingest and Validate. The zero value is usable.
type LoadOptions struct {
	// Source describes the dataset in the snapshot record (default: the
	// folder path).
	Source string
	// Now stamps the snapshot (default time.Now).
	Now func() time.Time
	// MaxErrors bounds the errors listed (default 1000); the rest are
	// counted.
	MaxErrors int
	// Progress, when set, is called after each table is staged.
	Progress func(table string, rows int64)
	// Logger receives debug messages (default: discard).
	Logger *slog.Logger
	// Memory allocates the Go readers' Arrow buffers (default: the Go heap).
	Memory memory.Allocator
	// NoFastPath makes every load take the slow path (for tests and for
	// comparing the two).
	NoFastPath bool
}

func (o LoadOptions) maxErrors() int {
	if o.MaxErrors > 0 {
		return o.MaxErrors
	}
	return 1000
}

func (o LoadOptions) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// LoadResult is what a load found and did.
type LoadResult struct {
	// SnapshotID is the new current snapshot (0 for Validate).
	SnapshotID int64
	// Files lists each table file staged, in contract order.
	Files []TableFile
	// Warnings lists the findings that did not stop the load.
	Warnings []*datasets.RowError
}

// Validate checks the dataset folder dir against the contract without
// touching any warehouse (it loads into a private in-memory database and
// throws the load away). A dataset that breaks the contract returns a
// *datasets.RejectedError carrying every error located by file, row and
// column.
func Validate(ctx context.Context, dir string, opts LoadOptions) (*LoadResult, error) {
	w, err := Open(ctx, ":memory:", Options{Logger: opts.Logger})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	return w.load(ctx, dir, opts, false)
}

// Ingest checks the dataset folder dir and, when it has no errors, loads it
// in one transaction as the warehouse's new current snapshot. A rejected
// dataset (*datasets.RejectedError) or any failure leaves every table
// exactly as it was.
func (w *Warehouse) Ingest(ctx context.Context, dir string, opts LoadOptions) (*LoadResult, error) {
	if w.readOnly {
		return nil, fmt.Errorf("warehouse: %s is open read-only", w.Path)
	}
	return w.load(ctx, dir, opts, true)
}

// load runs the fast path when the files allow it and the slow path when
// the fast path fails or cannot run:
//
//   - fast: DuckDB reads each file with the contract's types straight into
//     the snapshot tables, every cell rule is checked inside that same
//     statement, and the rules across rows and tables are counted over
//     the loaded rows. Any broken rule (or any warning, which must be
//     located) throws the transaction away.
//   - slow: every file is staged as text with its row numbers, every rule
//     is checked and every finding located by file, row and column; only
//     a dataset without errors is then loaded.
//
// Both paths check the same rules (rowChecks, crossChecks), so they
// accept the same datasets; a test holds them to identical results.
func (w *Warehouse) load(ctx context.Context, dir string, opts LoadOptions, commit bool) (*LoadResult, error) {
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	s, err := newStager(ctx, conn, dir, opts)
	if err != nil {
		return nil, err
	}
	defer s.close()
	if err := s.locate(); err != nil {
		return nil, err
	}
	if opts.NoFastPath || !s.fastCandidate() {
		s.inspect()
	} else {
		// the files are hashed and their encodings told while DuckDB
		// loads them; the fast path waits for the verdict before it
		// commits, and falls back if a file is not what it assumed
		s.readHeaders()
		inspected := make(chan []error, 1)
		go func() { inspected <- s.inspectFiles() }()
		var inspectErrs []error
		waited := false
		wait := func() {
			if !waited {
				inspectErrs, waited = <-inspected, true
			}
		}
		start := time.Now()
		res, ok, err := s.fast(ctx, commit, func() bool {
			wait()
			s.applyInspect(inspectErrs)
			return len(s.errs) == 0 && s.fastEligible()
		})
		wait()
		if err != nil {
			return nil, err
		}
		s.opts.logger().Debug("fast path", "ok", ok, "seconds", time.Since(start).Seconds())
		if ok {
			return res, nil
		}
		s.reset()
		s.applyInspect(inspectErrs)
	}
	res, err := s.slow(ctx)
	if err != nil || !commit {
		return res, err
	}
	if err := s.commitSlow(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// slow stages and checks the dataset; it returns a *datasets.RejectedError
// when any rule is broken.
func (s *stager) slow(ctx context.Context) (*LoadResult, error) {
	log := s.opts.logger()
	start := time.Now()
	if err := s.stageAll(ctx); err != nil {
		return nil, err
	}
	log.Debug("staged", "seconds", time.Since(start).Seconds())
	start = time.Now()
	for _, t := range datasets.Contract {
		if !s.staged[t.Name] {
			continue
		}
		if err := s.checkColumns(ctx, t); err != nil {
			return nil, err
		}
	}
	log.Debug("checked columns", "seconds", time.Since(start).Seconds())
	start = time.Now()
	if err := s.runCross(ctx); err != nil {
		return nil, err
	}
	log.Debug("cross checks", "seconds", time.Since(start).Seconds())
	res := s.result()
	if len(s.errs) > 0 {
		return res, &datasets.RejectedError{Errors: s.errs, Warnings: s.warns, More: s.more}
	}
	return res, nil
}

// result collects the files and warnings found so far.
func (s *stager) result() *LoadResult {
	res := &LoadResult{}
	for _, t := range datasets.Contract {
		if f := s.files[t.Name]; f != nil {
			res.Files = append(res.Files, *f)
		}
	}
	sortErrors(s.errs)
	sortErrors(s.warns)
	res.Warnings = s.warns
	return res
}

// reset forgets what a failed fast path found, for the slow path to start
// afresh.
func (s *stager) reset() {
	s.errs, s.warns, s.more = nil, nil, 0
	s.staged = map[string]bool{}
	s.partial = map[string]bool{}
	s.header = map[string]map[string]string{}
	s.regionCodes, s.regionFix, s.levelErrs = nil, map[string]*datasets.RowError{}, map[string]*datasets.RowError{}
}

// sortErrors orders findings root causes first (a missing or empty table,
// see rootRules), then by table (contract order), row and column.
func sortErrors(es []*datasets.RowError) {
	order := map[string]int{}
	for i, t := range datasets.Contract {
		order[t.Name] = i
	}
	rank := func(file string) int {
		base := strings.ToLower(file[strings.LastIndexAny(file, `/\`)+1:])
		if i := strings.LastIndexByte(base, '.'); i >= 0 {
			base = base[:i]
		}
		if r, ok := order[base]; ok {
			return r
		}
		return len(order)
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if ra, rb := isRoot(a), isRoot(b); ra != rb {
			return ra
		}
		if ra, rb := rank(a.File), rank(b.File); ra != rb {
			return ra < rb
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.Column < b.Column
	})
}

// commitSlow writes the staged dataset as a new snapshot, all or nothing.
func (s *stager) commitSlow(ctx context.Context, res *LoadResult) (err error) {
	if _, err := s.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			s.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	id, err := s.nextSnapshot(ctx)
	if err != nil {
		return err
	}
	for _, t := range datasets.Contract {
		if !s.staged[t.Name] {
			continue
		}
		if err := s.insert(ctx, t, id, stgName(t.Name), stgName("program_code_map")); err != nil {
			return err
		}
	}
	if err := s.writeSnapshot(ctx, id, res); err != nil {
		return err
	}
	_, err = s.conn.ExecContext(ctx, "COMMIT")
	return err
}

func (s *stager) nextSnapshot(ctx context.Context) (int64, error) {
	var id int64
	err := s.conn.QueryRowContext(ctx, stmt("001_next_snapshot.sql")).Scan(&id)
	return id, err
}

// insert copies the rows of relation src (one column per contract column,
// named after it) into snap.<table> as snapshot id, recording the rows
// loaded. mapRel is the relation of program_code_map's rows.
func (s *stager) insert(ctx context.Context, t *datasets.Table, id int64, src, mapRel string) error {
	q, err := s.insertSQL(ctx, t, src, mapRel)
	if err != nil {
		return err
	}
	r, err := s.conn.ExecContext(ctx, q, id)
	if err != nil {
		return fmt.Errorf("warehouse: load %s: %w", t.Name, err)
	}
	if n, err := r.RowsAffected(); err == nil {
		s.files[t.Name].Rows = n
	}
	return nil
}

// writeSnapshot records snapshot id as the current one, with its files
// and warnings.
func (s *stager) writeSnapshot(ctx context.Context, id int64, res *LoadResult) error {
	now := time.Now
	if s.opts.Now != nil {
		now = s.opts.Now
	}
	source := s.opts.Source
	if source == "" {
		source = s.dir
	}
	if _, err := s.conn.ExecContext(ctx, stmt("002_retire_current.sql")); err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(ctx, stmt("003_insert_snapshot.sql"), id, now().UTC(), source, datasets.ContractVersion); err != nil {
		return err
	}
	res.Files = res.Files[:0]
	for _, t := range datasets.Contract {
		f := s.files[t.Name]
		if f == nil {
			continue
		}
		res.Files = append(res.Files, *f)
		if _, err := s.conn.ExecContext(ctx, stmt("004_insert_snapshot_file.sql"),
			id, f.Table, f.File, f.Format, f.Encoding, f.SHA256, f.Bytes, f.Rows); err != nil {
			return err
		}
	}
	for _, w := range res.Warnings {
		if _, err := s.conn.ExecContext(ctx, stmt("005_insert_snapshot_warning.sql"),
			id, w.File, w.Row, w.Column, w.Rule, w.Message(datasets.Chinese), w.Message(datasets.English)); err != nil {
			return err
		}
	}
	res.SnapshotID = id
	return nil
}

// insertSQL builds the statement that copies stg_<table> into
// snap.<table>, casting each column to the warehouse's declared type and
// carrying old program codes through program_code_map.
func (s *stager) insertSQL(ctx context.Context, t *datasets.Table, src, mapRel string) (string, error) {
	types, err := s.tableTypes(ctx, t.Name)
	if err != nil {
		return "", err
	}
	cols := make([]string, len(t.Columns))
	exprs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		typ, ok := types[c.Name]
		if !ok {
			return "", fmt.Errorf("warehouse: snap.%s has no column %s: a migration is missing", t.Name, c.Name)
		}
		cols[i] = QuoteIdent(c.Name)
		v := "e." + QuoteIdent(c.Name)
		switch {
		case t.Name == "program_code_map" && c.Name == "weight":
			exprs[i] = "coalesce(CAST(" + v + " AS DOUBLE), 1)"
		case typ == "BIGINT":
			exprs[i] = "CAST(CAST(" + v + " AS DOUBLE) AS BIGINT)"
		default:
			exprs[i] = "CAST(" + v + " AS " + typ + ")"
		}
	}
	mapped := (t.Name == "enrollments" || t.Name == "outcomes") && s.staged["program_code_map"]
	if !mapped {
		return stmtT("024_insert_snapshot_rows.sql", struct{ Table, Columns, Values, Source string }{
			t.Name, strings.Join(cols, ", "), strings.Join(exprs, ", "), src}), nil
	}
	// Carry old codes to the 2021 codes: counts are split by weight and
	// rows that land on the same key are added up. Only rows of different
	// original codes may land on one key: two rows with the same original
	// key are a duplicate, which no mapping may hide, so the statement
	// stops (on the fast path, whose checks run on the loaded rows; the
	// slow path checks the keys before any mapping and never gets here
	// with one).
	key := map[string]bool{}
	for _, k := range t.Key {
		key[k] = true
	}
	inner := make([]string, len(t.Columns))
	outer := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		q := QuoteIdent(c.Name)
		switch {
		case c.Name == "program_code":
			inner[i] = "coalesce(m.new_code, e.program_code) AS program_code"
			outer[i] = q
		case key[c.Name] || c.Kind != datasets.Int && c.Kind != datasets.Number:
			inner[i] = exprs[i] + " AS " + q
			outer[i] = q
		case c.Name == "avg_monthly_salary":
			inner[i] = exprs[i] + " AS " + q
			outer[i] = "avg(" + q + ") AS " + q
		default:
			inner[i] = exprs[i] + " * coalesce(CAST(m.weight AS DOUBLE), 1) AS " + q
			outer[i] = "sum(" + q + ") AS " + q
		}
	}
	return stmtT("025_insert_snapshot_mapped.sql", struct{ Table, Columns, Outer, Inner, Source, Map, Error string }{
		t.Name, strings.Join(cols, ", "), strings.Join(outer, ", "), strings.Join(inner, ", "), src, mapRel,
		"vocmap: " + t.Name + " repeats a key before program_code_map"}), nil
}

func (s *stager) tableTypes(ctx context.Context, table string) (map[string]string, error) {
	rows, err := s.conn.QueryContext(ctx, stmt("006_snap_column_types.sql"), table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return nil, err
		}
		out[n] = t
	}
	return out, rows.Err()
}
