//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// RefusedError reports a statement that `vocmap sql` does not run: anything
// but one read-only query. Reason is "parse", "empty", "multiple",
// "not_select" or "invalid" (it parses but DuckDB cannot prepare it: an
// unknown table, a file outside the warehouse); Detail is DuckDB's
// message where there is one.
type RefusedError struct {
	Reason string
	Detail string
}

func (e *RefusedError) Error() string {
	switch e.Reason {
	case "parse":
		return "warehouse: the query does not parse: " + e.Detail
	case "empty":
		return "warehouse: the query is empty"
	case "multiple":
		return "warehouse: more than one statement (only one read-only query runs)"
	case "invalid":
		return "warehouse: the query cannot run: " + e.Detail
	}
	return "warehouse: only a read-only query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE) runs, not " + e.Detail
}

// serializeSQL asks DuckDB's own parser for the statements of a query
// without binding or running any: json_serialize_sql parses the text and
// serialises SELECT statements only, so an error of type "not implemented"
// means a statement of another kind (COPY, ATTACH, SET, PRAGMA, EXPORT …).
const serializeSQL = `SELECT json_serialize_sql(?::VARCHAR)::VARCHAR`

// ReadOnlyQuery runs q if, and only if, it is a single read-only query,
// on a warehouse opened ReadOnly with external file access switched off
// for the connection. The statement is checked at two layers before it
// runs: DuckDB's parser must find exactly one statement, a SELECT, and
// the prepared statement's type must be SELECT. This is what `vocmap sql`
// runs; it never changes a byte of the warehouse (FuzzReadOnlyQuery).
func (w *Warehouse) ReadOnlyQuery(ctx context.Context, q string) ([]string, [][]any, error) {
	if !w.readOnly {
		return nil, nil, errors.New("warehouse: ReadOnlyQuery needs a warehouse opened ReadOnly")
	}
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET enable_external_access = false"); err != nil {
		return nil, nil, fmt.Errorf("warehouse: lock down query: %w", err)
	}
	if err := checkSingleSelect(ctx, conn, q); err != nil {
		return nil, nil, err
	}
	return scanAll(conn.QueryContext(ctx, q))
}

// checkSingleSelect refuses q unless DuckDB parses it as exactly one
// SELECT statement and prepares it as one. Preparing runs nothing for a
// single statement (duckdb-go executes all but the last statement of a
// multi-statement text while preparing, hence the parser's count first).
func checkSingleSelect(ctx context.Context, conn *sql.Conn, q string) error {
	var js string
	if err := conn.QueryRowContext(ctx, serializeSQL, q).Scan(&js); err != nil {
		return fmt.Errorf("warehouse: parse query: %w", err)
	}
	var parsed struct {
		Error        bool              `json:"error"`
		ErrorType    string            `json:"error_type"`
		ErrorMessage string            `json:"error_message"`
		Statements   []json.RawMessage `json:"statements"`
	}
	if err := json.Unmarshal([]byte(js), &parsed); err != nil {
		return fmt.Errorf("warehouse: parse query: %w", err)
	}
	switch {
	case parsed.Error && parsed.ErrorType == "not implemented":
		return &RefusedError{Reason: "not_select", Detail: firstWord(q)}
	case parsed.Error:
		return &RefusedError{Reason: "parse", Detail: parsed.ErrorMessage}
	case len(parsed.Statements) == 0:
		return &RefusedError{Reason: "empty"}
	case len(parsed.Statements) > 1:
		return &RefusedError{Reason: "multiple"}
	}
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("warehouse: unexpected driver connection %T", dc)
		}
		st, err := c.PrepareContext(ctx, q)
		if err != nil {
			return &RefusedError{Reason: "invalid", Detail: err.Error()}
		}
		defer st.Close()
		ds, ok := st.(*duckdb.Stmt)
		if !ok {
			return fmt.Errorf("warehouse: unexpected driver statement %T", st)
		}
		typ, err := ds.StatementType()
		if err != nil {
			return err
		}
		if typ != duckdb.STATEMENT_TYPE_SELECT {
			return &RefusedError{Reason: "not_select", Detail: firstWord(q)}
		}
		return nil
	})
}

// firstWord names a refused statement by its keyword (COPY, ATTACH …).
func firstWord(q string) string {
	start := -1
	for i, r := range q {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			return q[start:i]
		}
	}
	if start >= 0 {
		return q[start:]
	}
	return "?"
}
