//go:build duckdb_arrow

package warehouse

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/internal/testkit"
)

// The tests of this file write the Shanxi demo dataset (which has a
// program_code_map) into a temporary folder, break one row of one file,
// and load it into a real warehouse file on both load paths.

// loadPaths names the two load paths.
var loadPaths = []struct {
	name   string
	noFast bool
}{{"fast", false}, {"slow", true}}

// ingestAccepted ingests dir into a new warehouse file on one load path
// and returns the warehouse (closed when the test ends); it fails the test
// when the dataset is rejected.
func ingestAccepted(t *testing.T, dir string, noFast bool) *Warehouse {
	t.Helper()
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if _, err := w.Ingest(ctx, dir, LoadOptions{NoFastPath: noFast}); err != nil {
		t.Fatal(err)
	}
	return w
}

// ingestRejected ingests dir into a new warehouse file on one load path
// and returns the rejection; it fails the test when the dataset is
// accepted, or when the rejected ingest left a snapshot behind.
func ingestRejected(t *testing.T, dir string, noFast bool) *datasets.RejectedError {
	t.Helper()
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, err = w.Ingest(ctx, dir, LoadOptions{NoFastPath: noFast})
	var rej *datasets.RejectedError
	if !errors.As(err, &rej) {
		t.Fatalf("ingest: err = %v, want a rejection", err)
	}
	var n int64
	if err := w.DB.QueryRowContext(ctx, "SELECT count(*) FROM meta.snapshots").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("a rejected ingest left %d snapshots", n)
	}
	return rej
}

// validateRejected validates dir on one load path and returns the
// rejection, failing the test when the dataset passes.
func validateRejected(t *testing.T, dir string, noFast bool) *datasets.RejectedError {
	t.Helper()
	_, err := Validate(context.Background(), dir, LoadOptions{NoFastPath: noFast})
	var rej *datasets.RejectedError
	if !errors.As(err, &rej) {
		t.Fatalf("validate: err = %v, want a rejection", err)
	}
	return rej
}

// formatted lists the errors of a rejection as file:row:column: message
// (English), with the folder dropped from the file names.
func formatted(dir string, rej *datasets.RejectedError) []string {
	var out []string
	for _, e := range rej.Errors {
		out = append(out, strings.TrimPrefix(e.Format(datasets.English), dir+string(filepath.Separator)))
	}
	if rej.More > 0 {
		out = append(out, fmt.Sprintf("(%d more)", rej.More))
	}
	return out
}

// checkRejected checks that dir is rejected with exactly the errors want
// on both load paths: validated on the slow path alone, and ingested into
// a warehouse file on the default path (the fast path, which falls back to
// the slow one to locate what it found).
func checkRejected(t *testing.T, dir string, want []string) {
	t.Helper()
	if got := formatted(dir, validateRejected(t, dir, true)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("validate, slow path:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := formatted(dir, ingestRejected(t, dir, false)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ingest:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDuplicateKeysRejected checks that a key repeated in enrollments or
// outcomes is a duplicate_key error naming both rows, although the
// dataset has a program_code_map (which adds up rows that land on one key
// only after mapping), on both load paths, in validate and in ingest.
func TestDuplicateKeysRejected(t *testing.T) {
	const key = "duplicate key (year,school_code,program_code = "
	tests := []struct {
		name  string
		file  string
		after int    // the duplicate is inserted after this row
		line  string // the duplicate
		want  string
	}{
		// enrollments.csv row 5 is 2013,14010010001,730701,117,320,93,121
		{"identical row", "enrollments.csv", 5, "2013,14010010001,730701,117,320,93,121",
			"enrollments.csv:6:year: " + key + "2013,14010010001,730701), same as row 5"},
		{"another intake", "enrollments.csv", 5, "2013,14010010001,730701,999,320,93,121",
			"enrollments.csv:6:year: " + key + "2013,14010010001,730701), same as row 5"},
		// the year written as a spreadsheet writes a number is the same year
		{"year as 2013.0", "enrollments.csv", 5, "2013.0,14010010001,730701,999,320,93,121",
			"enrollments.csv:6:year: " + key + "2013.0,14010010001,730701), same as row 5"},
		// row 3 carries the old code 090100 (mapped to 710201)
		{"old code", "enrollments.csv", 3, "2013,14010010001,090100,5,9,,",
			"enrollments.csv:4:year: " + key + "2013,14010010001,090100), same as row 3"},
		// outcomes.csv row 5 is 2016,14010010001,730701,101,51,46,27,3000,43
		{"outcomes", "outcomes.csv", 5, "2016,14010010001,730701,101,50,46,27,3000,43",
			"outcomes.csv:6:grad_year: duplicate key (grad_year,school_code,program_code = 2016,14010010001,730701), same as row 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testkit.Shanxi(t)
			testkit.InsertLine(t, filepath.Join(dir, tt.file), tt.after+1, tt.line)
			checkRejected(t, dir, []string{tt.want})
		})
	}
}

// TestOldCodesSummed checks the other side of the rule: rows under an old
// code and under the new code it maps to, for the same school and year,
// are two keys in the file and one in the warehouse, added up.
func TestOldCodesSummed(t *testing.T) {
	dir := testkit.Shanxi(t)
	// row 3 is 2013,14010010001,090100,131,390,132,154 and 090100 maps to
	// 710201 with weight 1: intake 131 + 10 = 141, enrolled 390 + 20 = 410
	testkit.InsertLine(t, filepath.Join(dir, "enrollments.csv"), 4, "2013,14010010001,710201,10,20,,")
	for _, p := range loadPaths {
		t.Run(p.name, func(t *testing.T) {
			ctx := context.Background()
			w := ingestAccepted(t, dir, p.noFast)
			var intake, enrolled float64
			var n int64
			if err := w.DB.QueryRowContext(ctx, `SELECT count(*), sum(intake), sum(enrolled_total) FROM enrollments
				WHERE year = 2013 AND school_code = '14010010001' AND program_code = '710201'`).Scan(&n, &intake, &enrolled); err != nil {
				t.Fatal(err)
			}
			if n != 1 || intake != 141 || enrolled != 410 {
				t.Errorf("%d rows, intake %v, enrolled %v; want 1 row, 141, 410", n, intake, enrolled)
			}
		})
	}
}

// TestNumbersRejectedAtTheDoor checks that values a double cannot hold
// (1e309, 400 digits), which were read as +Inf, and finite values beyond
// a column's plausibility ceiling (1e308, which the models turned into
// +Inf), are errors located by file, row and column, on both load paths.
func TestNumbersRejectedAtTheDoor(t *testing.T) {
	const (
		enr5 = "2013,14010010001,730701,117,320,93,121"       // enrollments.csv row 5
		out5 = "2016,14010010001,730701,101,51,46,27,3000,43" // outcomes.csv row 5
		map2 = "2010,140000,A01,3650748,623.11"               // industry_map.csv row 2
		big  = "1" + "0000000000000000000000000000000"        // 1 and 31 zeros: the first 32 characters
	)
	type edit struct {
		file      string
		row       int
		was, line string
	}
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{"1e309", []edit{{"enrollments.csv", 5, enr5, "2013,14010010001,730701,1e309,320,93,121"}},
			[]string{"enrollments.csv:5:intake: the number 1e309 is out of range (not finite)"}},
		{"400 digits", []edit{{"enrollments.csv", 5, enr5, "2013,14010010001,730701,1" + strings.Repeat("0", 399) + ",320,93,121"}},
			[]string{"enrollments.csv:5:intake: the number " + big + "… is out of range (not finite)"}},
		{"-1e309 is reported once", []edit{{"outcomes.csv", 5, out5, "2016,14010010001,730701,101,-1e309,46,27,3000,43"}},
			[]string{"outcomes.csv:5:employed: the number -1e309 is out of range (not finite)"}},
		{"1e308 intake", []edit{{"enrollments.csv", 5, enr5, "2013,14010010001,730701,1e308,320,93,121"}},
			[]string{"enrollments.csv:5:intake: implausibly large: must be below 1,000,000,000, is 1e308; check the unit and the digits"}},
		{"employment and value added", []edit{{"industry_map.csv", 2, map2, "2010,140000,A01,1000000000,1e7"}},
			[]string{
				"industry_map.csv:2:employment: implausibly large: must be below 1,000,000,000, is 1000000000; check the unit and the digits",
				"industry_map.csv:2:value_added: implausibly large: must be below 10,000,000, is 1e7; check the unit and the digits"}},
		{"salary", []edit{{"outcomes.csv", 5, out5, `2016,14010010001,730701,101,51,46,27,"1,000,000",43`}},
			[]string{"outcomes.csv:5:avg_monthly_salary: implausibly large: must be below 1,000,000, is 1000000; check the unit and the digits"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testkit.Shanxi(t)
			for _, e := range tt.edits {
				testkit.ReplaceLine(t, filepath.Join(dir, e.file), e.row, e.was, e.line)
			}
			checkRejected(t, dir, tt.want)
		})
	}
}

// TestNumbersBelowTheCeilings checks that the ceilings are bounds that a
// value may come close to: the largest whole values below them are
// accepted, and stored as given, on both load paths.
func TestNumbersBelowTheCeilings(t *testing.T) {
	dir := testkit.Shanxi(t)
	testkit.ReplaceLine(t, filepath.Join(dir, "enrollments.csv"), 5, "2013,14010010001,730701,117,320,93,121",
		"2013,14010010001,730701,999999999,999999999,93,121")
	testkit.ReplaceLine(t, filepath.Join(dir, "industry_map.csv"), 2, "2010,140000,A01,3650748,623.11", "2010,140000,A01,999999999,9999999.99")
	testkit.ReplaceLine(t, filepath.Join(dir, "outcomes.csv"), 5, "2016,14010010001,730701,101,51,46,27,3000,43",
		"2016,14010010001,730701,101,51,46,27,999999.5,43")
	for _, p := range loadPaths {
		t.Run(p.name, func(t *testing.T) {
			ctx := context.Background()
			w := ingestAccepted(t, dir, p.noFast)
			var intake, emp, va, sal float64
			if err := w.DB.QueryRowContext(ctx, `SELECT
				(SELECT intake FROM enrollments WHERE year = 2013 AND school_code = '14010010001' AND program_code = '730701'),
				(SELECT employment FROM industry_map WHERE year = 2010 AND region_code = '140000' AND industry_code = 'A01'),
				(SELECT value_added FROM industry_map WHERE year = 2010 AND region_code = '140000' AND industry_code = 'A01'),
				(SELECT avg_monthly_salary FROM outcomes WHERE grad_year = 2016 AND school_code = '14010010001' AND program_code = '730701')`).Scan(&intake, &emp, &va, &sal); err != nil {
				t.Fatal(err)
			}
			if intake != 999999999 || emp != 999999999 || va != 9999999.99 || sal != 999999.5 {
				t.Errorf("intake %v, employment %v, value added %v, salary %v", intake, emp, va, sal)
			}
		})
	}
}

// TestEmptyTableIsTheCause checks that a referenced table with a header
// and no rows is reported as one error on its own file, first, counting
// the rows that depend on it, instead of one "not in regions" error per
// dependent row (which filled the list of 1,000 without naming
// regions.csv).
func TestEmptyTableIsTheCause(t *testing.T) {
	// rows per file in the Shanxi demo (data lines after the header):
	// industry_map 18432, industry_priorities 31, schools 460,
	// job_postings 47124, education_totals 156, program_lists 32 refer to
	// regions (66235 in all); program_industry 259, program_code_map 11,
	// enrollments 39007, outcomes 29184, program_lists 32 to programs
	// (68493)
	const (
		regions  = "regions.csv: header only, no rows: fill it in; the 66235 rows that depend on it (industry_map 18432, industry_priorities 31, schools 460, job_postings 47124, education_totals 156, program_lists 32) cannot be checked until then"
		programs = "programs.csv: header only, no rows: fill it in; the 68493 rows that depend on it (program_industry 259, program_code_map 11, enrollments 39007, outcomes 29184, program_lists 32) cannot be checked until then"
	)
	headerOnly := func(t *testing.T, path string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := strings.Cut(string(b), "\n")
		if err := os.WriteFile(path, []byte(head+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("regions", func(t *testing.T) {
		dir := testkit.Shanxi(t)
		headerOnly(t, filepath.Join(dir, "regions.csv"))
		checkRejected(t, dir, []string{regions})
	})
	t.Run("programs, listed before an earlier table's error", func(t *testing.T) {
		dir := testkit.Shanxi(t)
		headerOnly(t, filepath.Join(dir, "programs.csv"))
		// industries.csv row 2 is A,农、林、牧、渔业,1,
		testkit.ReplaceLine(t, filepath.Join(dir, "industries.csv"), 2, "A,农、林、牧、渔业,1,", "A,农、林、牧、渔业,9,")
		checkRejected(t, dir, []string{programs, `industries.csv:2:sector: value "9" is not one of 1/2/3`})
	})
	t.Run("listed when the list is full", func(t *testing.T) {
		dir := testkit.Shanxi(t)
		headerOnly(t, filepath.Join(dir, "regions.csv"))
		testkit.ReplaceLine(t, filepath.Join(dir, "industries.csv"), 2, "A,农、林、牧、渔业,1,", "A,农、林、牧、渔业,9,")
		testkit.ReplaceLine(t, filepath.Join(dir, "industries.csv"), 3, "A01,农业,1,A", "A01,农业,8,A")
		for _, p := range loadPaths {
			_, err := Validate(context.Background(), dir, LoadOptions{NoFastPath: p.noFast, MaxErrors: 1})
			var rej *datasets.RejectedError
			if !errors.As(err, &rej) {
				t.Fatalf("%s path: err = %v, want a rejection", p.name, err)
			}
			if got, want := formatted(dir, rej), []string{regions, "(2 more)"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s path:\n%s\nwant\n%s", p.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	})
}

// TestBadByteRow checks that one bad byte in row 300 of schools.csv, in
// UTF-8 or in GB18030, is reported at row 300 (it was reported at row 2
// in the UTF-8 file, where its first Chinese name is not GB18030), on
// both load paths.
func TestBadByteRow(t *testing.T) {
	// schools.csv row 300 starts with the school code 14090010015 and a
	// comma; the byte goes in front of the name
	broken := func(t *testing.T, gb bool) string {
		dir := testkit.Shanxi(t)
		p := filepath.Join(dir, "schools.csv")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		if !strings.HasPrefix(lines[299], "14090010015,") {
			t.Fatalf("row 300 is %q", lines[299])
		}
		for i := range lines {
			if gb {
				g, err := simplifiedchinese.GB18030.NewEncoder().String(lines[i])
				if err != nil {
					t.Fatal(err)
				}
				lines[i] = g
			}
			if i == 299 {
				lines[i] = lines[i][:12] + "\xff" + lines[i][12:]
			}
		}
		if err := os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	t.Run("utf-8", func(t *testing.T) {
		checkRejected(t, broken(t, false), []string{"schools.csv:300: this row holds bytes that are not valid UTF-8, the encoding of the rest of the file; fix the row (or save the file as UTF-8 again)"})
	})
	t.Run("gb18030", func(t *testing.T) {
		checkRejected(t, broken(t, true), []string{"schools.csv:300: this row holds bytes that are not GB18030/GBK, the encoding of the rows before it; fix the row, or save the file as UTF-8"})
	})
}
