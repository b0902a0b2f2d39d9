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
	return query(ctx, w, `SELECT run_id, period, scenario, status, snapshot_id, preset,
			strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
			round(epoch(finished_at) - epoch(started_at), 1) AS seconds, version, coalesce(error, '') AS error
		FROM meta.runs ORDER BY started_at DESC, run_id DESC`)
}

// ErrNoSuchRun is returned by ShowRun for an unknown run id.
var ErrNoSuchRun = errors.New("job: no such run (vocmap runs list shows them)")

// ShowRun returns every field the ledger keeps of a run, one per row.
func ShowRun(ctx context.Context, w *warehouse.Warehouse, id string) (export.Result, error) {
	r, err := query(ctx, w, `SELECT run_id, period, scenario, status, snapshot_id, preset, base_year, horizon,
			CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at, pid, host, version,
			config_hash, stages, row_counts, input_files, options, error
		FROM meta.runs WHERE run_id = ?`, id)
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
	return query(ctx, w, `SELECT s.snapshot_id, strftime(s.created_at, '%Y-%m-%d %H:%M:%S') AS created_at, s.source,
			s.contract_version, s.is_current,
			(SELECT count(*) FROM meta.snapshot_files f WHERE f.snapshot_id = s.snapshot_id) AS files,
			(SELECT coalesce(sum(rows), 0) FROM meta.snapshot_files f WHERE f.snapshot_id = s.snapshot_id) AS rows,
			(SELECT coalesce(string_agg(DISTINCT period, ',' ORDER BY period), '') FROM meta.runs r
			  WHERE r.snapshot_id = s.snapshot_id AND r.status = 'succeeded') AS periods
		FROM meta.snapshots s ORDER BY s.snapshot_id DESC`)
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
	periods, err := strs(ctx, conn, `SELECT DISTINCT period FROM meta.runs WHERE status = 'succeeded' ORDER BY period DESC`)
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
			if _, err := conn.ExecContext(ctx, "DELETE FROM "+t+" WHERE run_id IN (SELECT run_id FROM meta.runs WHERE period = ?)", p); err != nil {
				return nil, err
			}
		}
		if _, err := conn.ExecContext(ctx, `UPDATE meta.runs SET status = 'pruned' WHERE period = ? AND status = 'succeeded'`, p); err != nil {
			return nil, err
		}
	}
	rows, err := conn.QueryContext(ctx, `SELECT snapshot_id FROM meta.snapshots WHERE NOT is_current
		AND snapshot_id NOT IN (SELECT snapshot_id FROM meta.runs WHERE status = 'succeeded' AND snapshot_id IS NOT NULL)
		ORDER BY snapshot_id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		res.DroppedSnapshots = append(res.DroppedSnapshots, id)
	}
	rows.Close()
	tables, err := strs(ctx, conn, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'snap' ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	for _, id := range res.DroppedSnapshots {
		for _, t := range append(tables, "meta.snapshot_files", "meta.snapshot_warnings", "meta.snapshots") {
			name := t
			if !strings.Contains(t, ".") {
				name = "snap." + warehouse.QuoteIdent(t)
			}
			if _, err := conn.ExecContext(ctx, "DELETE FROM "+name+" WHERE snapshot_id = ?", id); err != nil {
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
