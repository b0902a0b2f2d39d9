//go:build duckdb_arrow

package warehouse

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/datasets"
)

// TestCheckFiles expands every cross check (checks/*.sql) the way each
// load path does and prepares it, and its guard, against tables shaped
// like the staged ones (every contract column as text, and _row): a
// misspelt column, a field the template is not given or a broken
// template fails here. The runner's own templates (025–031) are
// prepared around one check.
func TestCheckFiles(t *testing.T) {
	conn := memConn(t)
	ctx := context.Background()
	for _, tb := range datasets.Contract {
		cols := []string{"_row BIGINT"}
		for _, c := range tb.Columns {
			cols = append(cols, QuoteIdent(c.Name)+" VARCHAR")
		}
		if _, err := conn.ExecContext(ctx, "CREATE TEMP TABLE "+QuoteIdent("t_"+tb.Name)+" ("+strings.Join(cols, ", ")+")"); err != nil {
			t.Fatal(err)
		}
	}
	rel := func(table string) string { return QuoteIdent("t_" + table) }
	prepare := func(what, q string) {
		t.Helper()
		st, err := conn.PrepareContext(ctx, q)
		if err != nil {
			t.Errorf("%s: %v\n%s", what, err, q)
			return
		}
		st.Close()
	}
	checks := crossChecks(rel)
	rules := map[string]bool{}
	for _, c := range checks {
		rules[c.rule] = true
		prepare(c.rule+" on "+c.table, c.query)
		if c.guard != "" {
			prepare(c.rule+" guard on "+c.table, c.guard)
		}
	}
	// every fixed rule of the files 005–024 is listed once
	files, err := fs.Glob(checkFS, "checks/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 31 {
		t.Errorf("%d check files, want 31", len(files))
	}
	for _, f := range files {
		base := path.Base(f)
		if !regexp.MustCompile(`^[0-9]{3}_[a-z0-9_]+\.sql$`).MatchString(base) {
			t.Errorf("%s: not named NNN_snake_case.sql", f)
		}
		if rule := strings.TrimSuffix(base[4:], ".sql"); base >= "005" && base < "025" && !rules[rule] {
			t.Errorf("%s: no cross check of rule %s", f, rule)
		}
	}
	one := checks[0].query
	prepare("025", checkSQL("025_cell_rules.sql", rel, struct {
		Table, Vals, Flags, Columns, Conds, By string
		Limit                                  int
	}{"regions", "WHEN 0 THEN \"level\"", "CASE WHEN \"level\" IS NULL THEN 0 END", `"region_code", "level"`, `"level" IS NULL`, "_row", 101}))
	prepare("026", checkSQL("026_region_codes.sql", rel, nil))
	prepare("027", checkSQL("027_level_dependents.sql", rel, struct{ Table, Column, Levels string }{"schools", "region_code", "'city'"}))
	prepare("028", checkSQL("028_empty_dependents.sql", rel, struct{ Table, Cond string }{"schools", `"region_code" IS NOT NULL`}))
	prepare("029", checkSQL("029_check_columns.sql", rel, struct{ Query string }{one}))
	prepare("030", checkSQL("030_check_grouped.sql", rel, struct {
		Select, Query, Names string
		Limit                int
	}{"min(c0), c1, arg_min(c2, c0), arg_min(c3, c0), count(*)", one, "c0, c1, c2, c3", 101}))
	prepare("031", checkSQL("031_check_rows.sql", rel, struct {
		Query string
		Limit int
	}{one, 101}))
}

// TestExpandSQL: the quoting functions, a missing field is an error, and
// a qualified name is quoted part by part.
func TestExpandSQL(t *testing.T) {
	q, err := ExpandSQL("t.sql", `SELECT {{ident .C}} FROM {{qname .T}} WHERE x = {{str .S}}`, struct{ C, T, S string }{`a"b`, "results.warnings", "it's"}, nil)
	want := `SELECT "a""b" FROM "results"."warnings" WHERE x = 'it''s'`
	if err != nil || q != want {
		t.Errorf("ExpandSQL = %q, %v; want %q", q, err, want)
	}
	if _, err := ExpandSQL("t.sql", `SELECT {{.Missing}}`, struct{ C string }{"a"}, nil); err == nil || !strings.Contains(err.Error(), "t.sql") {
		t.Errorf("a missing field: err = %v, want an error naming t.sql", err)
	}
	if _, err := ExpandSQL("t.sql", `SELECT {{.K}}`, map[string]string{}, nil); err == nil {
		t.Error("a missing map key: no error")
	}
	if _, err := ExpandSQL("t.sql", `SELECT {{rel "x"}}`, nil, nil); err == nil {
		t.Error("a function not given: no error")
	}
}

// TestStatementFiles prepares each of the warehouse's own statements
// (sql/*.sql) against a warehouse with every migration, the templates
// filled in as the loader fills them (relations inside a SELECT).
func TestStatementFiles(t *testing.T) {
	conn := memConn(t)
	ctx := context.Background()
	dir := t.TempDir()
	csv := filepath.Join(dir, "regions.csv")
	if err := os.WriteFile(csv, []byte("region_code,name\n140000,山西省\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pq := filepath.Join(dir, "regions.parquet")
	for _, q := range []string{
		"COPY (SELECT '140000' AS region_code, '山西省' AS name) TO " + QuoteString(pq) + " (FORMAT parquet)",
		"CREATE TEMP TABLE raw_t AS SELECT '140000' AS c0, '山西省' AS c1",
		"CREATE TEMP TABLE stg_t AS SELECT 2 AS _row, '140000' AS region_code",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	type d = map[string]any
	templates := map[string]struct {
		data d
		rel  bool // a relation: prepared as SELECT * FROM it
	}{
		"008_attach_stage.sql":       {d{"DB": "vocmap_stage_test"}, false},
		"009_raw_parquet.sql":        {d{"Raw": "raw_p", "File": pq}, false},
		"010_raw_csv.sql":            {d{"Raw": "raw_c", "File": csv}, false},
		"011_raw_arrow.sql":          {d{"Raw": "raw_a", "View": "raw_t"}, false},
		"013_raw_first_row.sql":      {d{"Row": "1", "First": "c0", "Raw": "raw_t"}, false},
		"014_clean.sql":              {d{"Staged": "stg_x", "Outer": "_row, c0", "Inner": "1 AS _row, c0", "Raw": "raw_t", "Where": " WHERE _row <> 1"}, false},
		"015_drop_raw.sql":           {d{"Raw": "raw_t"}, false},
		"016_count_staged.sql":       {d{"Staged": "stg_t"}, false},
		"017_loaded_rel.sql":         {d{"Table": "regions", "Snapshot": 1}, true},
		"018_count_findings.sql":     {d{"Query": "SELECT _row FROM stg_t"}, false},
		"019_parquet_first_cell.sql": {d{"Column": "region_code", "File": pq}, false},
		"020_fast_csv.sql":           {d{"File": csv, "Columns": "'region_code': 'VARCHAR', 'name': 'VARCHAR'"}, true},
		"021_fast_parquet.sql":       {d{"Select": "CAST(\"name\" AS VARCHAR) AS \"name\"", "File": pq}, true},
		"022_fast_rel.sql":           {d{"Check": "a", "Clean": "a", "Base": "c0 AS a", "Reader": "raw_t"}, true},
		"023_parquet_columns.sql":    {d{"File": pq}, false},
		"024_insert_snapshot_rows.sql": {d{"Table": "regions", "Columns": `"region_code", "name", "parent_code", "level"`,
			"Values": "c0, c1, NULL, 'province'", "Source": "raw_t"}, false},
		"025_insert_snapshot_mapped.sql": {d{"Table": "programs", "Columns": `"program_code"`, "Outer": `"program_code"`,
			"Inner": "coalesce(m.new_code, e.program_code) AS program_code", "Source": "(SELECT '010101' AS program_code)",
			"Map": "(SELECT '10101' AS old_code, '010101' AS new_code)", "Error": "repeats"}, false},
	}
	files, err := fs.Glob(stmtFS, "sql/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 25 {
		t.Errorf("%d statement files, want 25", len(files))
	}
	for _, f := range files {
		base := path.Base(f)
		if !regexp.MustCompile(`^[0-9]{3}_[a-z0-9_]+\.sql$`).MatchString(base) {
			t.Errorf("%s: not named NNN_snake_case.sql", f)
		}
		q := stmt(base)
		if tm, ok := templates[base]; ok {
			q = stmtT(base, tm.data)
			if tm.rel {
				q = "SELECT * FROM " + q
			}
		} else if strings.Contains(q, "{{") {
			t.Errorf("%s: a template the test does not fill", f)
			continue
		}
		st, err := conn.PrepareContext(ctx, q)
		if err != nil {
			t.Errorf("%s: %v\n%s", f, err, q)
			continue
		}
		st.Close()
	}
}
