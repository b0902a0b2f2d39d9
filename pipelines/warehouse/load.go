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
// touching any warehouse (it stages into a private in-memory database).
// A dataset that breaks the contract returns a *datasets.RejectedError
// carrying every error located by file, row and column.
func Validate(ctx context.Context, dir string, opts LoadOptions) (*LoadResult, error) {
	w, err := Open(ctx, ":memory:", Options{Logger: opts.Logger})
	if err != nil {
		return nil, err
	}
	defer w.Close()
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
	return s.run(ctx)
}

// Ingest checks the dataset folder dir and, when it has no errors, loads it
// in one transaction as the warehouse's new current snapshot. A rejected
// dataset (*datasets.RejectedError) or any failure leaves every table
// exactly as it was.
func (w *Warehouse) Ingest(ctx context.Context, dir string, opts LoadOptions) (*LoadResult, error) {
	if w.readOnly {
		return nil, fmt.Errorf("warehouse: %s is open read-only", w.Path)
	}
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
	res, err := s.run(ctx)
	if err != nil {
		return res, err
	}
	if err := s.commit(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// run stages and checks the dataset; it returns a *datasets.RejectedError
// when any rule is broken.
func (s *stager) run(ctx context.Context) (*LoadResult, error) {
	if err := s.locate(); err != nil {
		return nil, err
	}
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
		log.Debug("checked columns", "table", t.Name, "seconds", time.Since(start).Seconds())
	}
	start = time.Now()
	if err := s.runCross(ctx); err != nil {
		return nil, err
	}
	log.Debug("cross checks", "seconds", time.Since(start).Seconds())
	res := &LoadResult{}
	for _, t := range datasets.Contract {
		if f := s.files[t.Name]; f != nil {
			res.Files = append(res.Files, *f)
		}
	}
	sortErrors(s.errs)
	sortErrors(s.warns)
	res.Warnings = s.warns
	if len(s.errs) > 0 {
		return res, &datasets.RejectedError{Errors: s.errs, Warnings: s.warns, More: s.more}
	}
	return res, nil
}

// sortErrors orders findings by table (contract order), row and column.
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
		if ra, rb := rank(a.File), rank(b.File); ra != rb {
			return ra < rb
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.Column < b.Column
	})
}

// commit writes the staged dataset as a new snapshot, all or nothing.
func (s *stager) commit(ctx context.Context, res *LoadResult) (err error) {
	if _, err := s.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			s.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	var id int64
	if err := s.conn.QueryRowContext(ctx, "SELECT coalesce(max(snapshot_id), 0) + 1 FROM meta.snapshots").Scan(&id); err != nil {
		return err
	}
	for _, t := range datasets.Contract {
		if !s.staged[t.Name] {
			continue
		}
		q, err := s.insertSQL(ctx, t)
		if err != nil {
			return err
		}
		if _, err := s.conn.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("warehouse: load %s: %w", t.Name, err)
		}
	}
	now := time.Now
	if s.opts.Now != nil {
		now = s.opts.Now
	}
	source := s.opts.Source
	if source == "" {
		source = s.dir
	}
	if _, err := s.conn.ExecContext(ctx, "UPDATE meta.snapshots SET is_current = false WHERE is_current"); err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(ctx, `INSERT INTO meta.snapshots (snapshot_id, created_at, source, contract_version, is_current)
		VALUES (?, ?, ?, ?, true)`, id, now().UTC(), source, datasets.ContractVersion); err != nil {
		return err
	}
	for _, f := range res.Files {
		if _, err := s.conn.ExecContext(ctx, `INSERT INTO meta.snapshot_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, f.Table, f.File, f.Format, f.Encoding, f.SHA256, f.Bytes, f.Rows); err != nil {
			return err
		}
	}
	for _, w := range res.Warnings {
		if _, err := s.conn.ExecContext(ctx, `INSERT INTO meta.snapshot_warnings VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, w.File, w.Row, w.Column, w.Rule, w.Message(datasets.Chinese), w.Message(datasets.English)); err != nil {
			return err
		}
	}
	if _, err := s.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	res.SnapshotID = id
	return nil
}

// insertSQL builds the statement that copies stg_<table> into
// snap.<table>, casting each column to the warehouse's declared type and
// carrying old program codes through program_code_map.
func (s *stager) insertSQL(ctx context.Context, t *datasets.Table) (string, error) {
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
	target := fmt.Sprintf("INSERT INTO snap.%s (snapshot_id, %s) ", QuoteIdent(t.Name), strings.Join(cols, ", "))
	mapped := (t.Name == "enrollments" || t.Name == "outcomes") && s.staged["program_code_map"]
	if !mapped {
		return target + fmt.Sprintf("SELECT ?, %s FROM %s e", strings.Join(exprs, ", "), stgName(t.Name)), nil
	}
	// Carry old codes to the 2021 codes: counts are split by weight and
	// rows that land on the same key are added up.
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
	return target + fmt.Sprintf("SELECT ?, %s FROM (SELECT %s FROM %s e LEFT JOIN %s m ON m.old_code = e.program_code) GROUP BY ALL",
		strings.Join(outer, ", "), strings.Join(inner, ", "), stgName(t.Name), stgName("program_code_map")), nil
}

func (s *stager) tableTypes(ctx context.Context, table string) (map[string]string, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = 'snap' AND table_name = ?`, table)
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
