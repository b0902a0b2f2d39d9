//go:build duckdb_arrow

package job

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// TestSQLFiles prepares every embedded statement of pipelines/job (the
// marts and sql/meta, templates filled in) against a warehouse with every
// migration: a misspelt table or column, or a file holding two
// statements, fails here rather than in a run.
func TestSQLFiles(t *testing.T) {
	ctx := t.Context()
	w, err := warehouse.Open(ctx, ":memory:", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	templates := map[string]any{ // what the job fills the templates with
		"sql/meta/011_delete_period_results.sql": struct{ Table string }{"results.warnings"},
		"sql/meta/015_delete_snapshot.sql":       struct{ Schema, Table string }{"snap", "regions"},
		"sql/meta/026_snapshot_view.sql": struct {
			Table, Columns string
			Snapshot       int64
		}{"regions", `"region_code", "name", "parent_code", "level"`, 1},
		"sql/meta/027_drop_snapshot_view.sql": struct{ Table string }{"regions"},
	}
	n := 0
	for _, dir := range []struct {
		fs   fs.FS
		name string
	}{{sqlFS, "sql"}, {metaFS, "sql/meta"}} {
		files, err := fs.Glob(dir.fs, dir.name+"/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := fs.ReadFile(dir.fs, f)
			if err != nil {
				t.Fatal(err)
			}
			q := string(b)
			if !regexp.MustCompile(`^[0-9]{3}_[a-z0-9_]+\.sql$`).MatchString(path.Base(f)) {
				t.Errorf("%s: not named NNN_snake_case.sql", f)
			}
			if data, ok := templates[f]; ok {
				if q, err = warehouse.ExpandSQL(f, q, data, nil); err != nil {
					t.Errorf("%v", err)
					continue
				}
			} else if strings.Contains(q, "{{") {
				t.Errorf("%s: a template the test does not fill", f)
				continue
			}
			if k := statements(q); k != 1 {
				t.Errorf("%s: %d statements, want one", f, k)
			}
			st, err := conn.PrepareContext(ctx, q)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			st.Close()
			n++
		}
	}
	if n < 30 {
		t.Errorf("%d files prepared: the globs missed some", n)
	}
}

// statements counts the statements of a SQL text: the semicolons outside
// string literals and comments, plus a last statement without one.
func statements(q string) int {
	n, text := 0, false
	for _, line := range strings.Split(q, "\n") {
		inStr := false
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\'':
				inStr = !inStr
			case !inStr && c == '-' && i+1 < len(line) && line[i+1] == '-':
				i = len(line)
			case !inStr && c == ';':
				n++
				text = false
			case !inStr && c != ' ' && c != '\t' && c != '\r':
				text = true
			}
		}
	}
	if text {
		n++
	}
	return n
}
