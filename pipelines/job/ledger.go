//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// Runs lists the ledger, newest first.
func Runs(ctx context.Context, w *warehouse.Warehouse) (export.Result, error) {
	return query(ctx, w, metaSQL("007_runs.sql"))
}

// ErrNoSuchRun is returned by ShowRun for an unknown run id.
var ErrNoSuchRun = errors.New("job: no such run (vocmap runs list shows them)")

// ShowRun returns every field the ledger keeps of a run, one per row.
func ShowRun(ctx context.Context, w *warehouse.Warehouse, id string) (export.Result, error) {
	r, err := query(ctx, w, metaSQL("008_run.sql"), id)
	if err != nil {
		return r, err
	}
	if len(r.Rows) == 0 {
		return r, fmt.Errorf("%w: %s", ErrNoSuchRun, id)
	}
	out := export.Result{Columns: []string{"field", "value"}}
	for i, c := range r.Columns {
		out.Rows = append(out.Rows, []any{c, r.Rows[0][i]})
	}
	return out, nil
}

// Snapshots lists the input snapshots with the runs that used them.
func Snapshots(ctx context.Context, w *warehouse.Warehouse) (export.Result, error) {
	return query(ctx, w, metaSQL("009_snapshots.sql"))
}

// PruneResult says what Prune removed.
type PruneResult struct {
	KeptPeriods, DroppedPeriods []string
	DroppedSnapshots            []int64
}

// Prune keeps the results of the keep latest periods and deletes the
// results of older periods, and the snapshots that no kept run uses and
// that are not current, in one transaction. The ledger keeps every run.
func Prune(ctx context.Context, w *warehouse.Warehouse, keep int) (*PruneResult, error) {
	if keep < 1 {
		return nil, errors.New("job: prune must keep at least one period")
	}
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return nil, err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	periods, err := strs(ctx, conn, metaSQL("010_succeeded_periods.sql"))
	if err != nil {
		return nil, err
	}
	res := &PruneResult{}
	if len(periods) <= keep {
		res.KeptPeriods = periods
	} else {
		res.KeptPeriods, res.DroppedPeriods = periods[:keep], periods[keep:]
	}
	for _, p := range res.DroppedPeriods {
		for _, t := range resultTables {
			q, err := metaTemplate("011_delete_period_results.sql", struct{ Table string }{t})
			if err != nil {
				return nil, err
			}
			if _, err := conn.ExecContext(ctx, q, p); err != nil {
				return nil, err
			}
		}
		if _, err := conn.ExecContext(ctx, metaSQL("012_prune_period.sql"), p); err != nil {
			return nil, err
		}
	}
	rows, err := conn.QueryContext(ctx, metaSQL("013_unused_snapshots.sql"))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		res.DroppedSnapshots = append(res.DroppedSnapshots, id)
	}
	rows.Close()
	tables, err := strs(ctx, conn, metaSQL("014_snapshot_tables.sql"))
	if err != nil {
		return nil, err
	}
	for _, id := range res.DroppedSnapshots {
		for _, t := range append(tables, "meta.snapshot_files", "meta.snapshot_warnings", "meta.snapshots") {
			schema, table := "snap", t
			if s, t, ok := strings.Cut(t, "."); ok && s == "meta" {
				schema, table = s, t
			}
			name := schema + "." + table
			q, err := metaTemplate("015_delete_snapshot.sql", struct{ Schema, Table string }{schema, table})
			if err != nil {
				return nil, err
			}
			if _, err := conn.ExecContext(ctx, q, id); err != nil {
				return nil, fmt.Errorf("job: prune snapshot %d from %s: %w", id, name, err)
			}
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, err
	}
	done = true
	return res, nil
}

func strs(ctx context.Context, conn *sql.Conn, q string, args ...any) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// query collects a query's result as an export.Result.
func query(ctx context.Context, w *warehouse.Warehouse, q string, args ...any) (export.Result, error) {
	cols, rows, err := w.Query(ctx, q, args...)
	return export.Result{Columns: cols, Rows: rows}, err
}
