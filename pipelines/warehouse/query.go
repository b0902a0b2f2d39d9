//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql"
	"fmt"
)

// Query runs one read-only statement and returns its column names and
// rows as database/sql scans them. The warehouse should be opened
// ReadOnly; external file access is switched off for the connection, so a
// query can read only the warehouse.
func (w *Warehouse) Query(ctx context.Context, q string, args ...any) ([]string, [][]any, error) {
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	if w.readOnly {
		if _, err := conn.ExecContext(ctx, "SET enable_external_access = false"); err != nil {
			return nil, nil, fmt.Errorf("warehouse: lock down query: %w", err)
		}
	}
	return scanAll(conn.QueryContext(ctx, q, args...))
}

// scanAll reads every row of a result as database/sql scans it into any.
func scanAll(rows *sql.Rows, err error) ([]string, [][]any, error) {
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		out = append(out, vals)
	}
	return cols, out, rows.Err()
}

// CurrentSnapshot returns the current snapshot's id (0 when nothing has
// been ingested).
func (w *Warehouse) CurrentSnapshot(ctx context.Context) (int64, error) {
	var id int64
	err := w.DB.QueryRowContext(ctx, stmt("007_current_snapshot.sql")).Scan(&id)
	return id, err
}
