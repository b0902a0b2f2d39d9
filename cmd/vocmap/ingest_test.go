package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/vocmap/vocmap/internal/testkit"
)

// run calls Main in-process and returns the exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// copyDir copies the fixture dataset so that a case can break it.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fingerprint hashes every table of the warehouse, so that a test can tell
// that a rejected ingest changed nothing.
func fingerprint(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT table_schema || '.' || table_name FROM information_schema.tables
		WHERE table_type = 'BASE TABLE' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tb := range tables {
		var n int64
		var h sql.NullString
		if err := db.QueryRow(fmt.Sprintf(`SELECT count(*), CAST(sum(hash(t)) AS VARCHAR) FROM %s t`, tb)).Scan(&n, &h); err != nil {
			t.Fatalf("%s: %v", tb, err)
		}
		fmt.Fprintf(&b, "%s:%d:%s\n", tb, n, h.String)
	}
	return b.String()
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestIngestRejects covers every bad input of the issue: each is rejected
// with exit code 3 and a message naming file, row, column and rule, and
// the warehouse is left exactly as it was.
func TestIngestRejects(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", "testdata/ok"); code != 0 {
		t.Fatalf("baseline ingest: exit %d\n%s", code, errs)
	}
	before := fingerprint(t, wh)
	tests := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		want   []string // substrings of stderr (English)
	}{
		{"missing table", func(t *testing.T, d string) { os.Remove(filepath.Join(d, "schools.csv")) },
			[]string{"schools.csv: required table is missing (expected schools.csv, .xlsx or .parquet)"}},
		{"missing column", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "programs.csv"), ",duration_years\n", "\n")
		}, []string{"programs.csv:1:duration_years: required column duration_years (学制) is missing"}},
		{"wrong type", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "enrollments.csv"), "2023,4114010001,460702,300,", "2023,4114010001,460702,三百,")
		}, []string{`enrollments.csv:3:intake: not an integer: "三百"`}},
		{"fraction in an integer", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "enrollments.csv"), "2023,4114010001,460702,300,", "2023,4114010001,460702,300.5,")
		}, []string{`enrollments.csv:3:intake: not an integer: "300.5"`}},
		{"negative count", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "outcomes.csv"), "2024,4114080002,420901,130,60,10", "2024,4114080002,420901,130,-60,10")
		}, []string{"outcomes.csv:7:employed: must be ≥ 0, is -60"}},
		{"employed > graduates", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "outcomes.csv"), "2023,4114010001,460702,250,200,30", "2023,4114010001,460702,250,240,30")
		}, []string{"outcomes.csv:3:employed, further_study, graduates: employed + further_study (240 + 30) exceeds graduates 250"}},
		{"unknown program", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "enrollments.csv"), "2024,4114010001,460702", "2024,4114010001,999999")
		}, []string{`enrollments.csv:7:program_code: "999999" is not in programs`}},
		{"unknown school", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "outcomes.csv"), "2024,4114010001,520201", "2024,4199999999,520201")
		}, []string{`outcomes.csv:5:school_code: "4199999999" is not in schools`}},
		{"unknown region", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "schools.csv"), "运城示例职业学院,140800", "运城示例职业学院,149900")
		}, []string{`schools.csv:3:region_code: "149900" is not in regions`}},
		{"unknown industry", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "program_industry.csv"), "460702,C36,1", "460702,C37,1")
		}, []string{`program_industry.csv:4:industry_code: "C37" is not in industries`}},
		{"not a GB/T industry", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "industries.csv"), "C36,汽车制造业", "C06,汽车制造业")
		}, []string{`industries.csv:5:industry_code: "C06" is not a GB/T 4754-2017 section or division code`}},
		{"duplicate key", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "enrollments.csv"), "2024,4114010001,460702", "2024,4114010001,520201")
		}, []string{"enrollments.csv:7:year: duplicate key (year,school_code,program_code = 2024,4114010001,520201), same as row 6"}},
		{"crosswalk weights", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "program_industry.csv"), "520201,Q85,0.2", "520201,Q85,0.1")
		}, []string{"program_industry.csv:2:weight: program 520201 weights sum to 0.9, must be 1 ± 0.01"}},
		{"section beside its division", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "industry_map.csv"), "2023,140800,Q84,22000,55", "2023,140800,Q84,22000,55\n2023,140800,Q,30000,80")
		}, []string{"industry_map.csv:8:industry_code: year 2023, 140800 gives both section Q and its division Q84"}},
		{"empty file", func(t *testing.T, d string) { write(t, filepath.Join(d, "programs.csv"), nil) },
			[]string{"programs.csv:1: the file is empty: no header row"}},
		{"binary junk", func(t *testing.T, d string) {
			write(t, filepath.Join(d, "outcomes.csv"), []byte("grad_year,school\x00\x01\x02\xff\xfe junk\n"))
		}, []string{"outcomes.csv:1: not a text CSV file (binary content from byte 16)"}},
		{"GBK file with a UTF-8 BOM", func(t *testing.T, d string) {
			b, _ := os.ReadFile(filepath.Join(d, "schools.csv"))
			write(t, filepath.Join(d, "schools.csv"), append([]byte("\xEF\xBB\xBF"), gbk(t, string(b))...))
		}, []string{"schools.csv:2: the file starts with a UTF-8 BOM but this row is not valid UTF-8"}},
		{"XLSX with merged header cells", func(t *testing.T, d string) {
			os.Remove(filepath.Join(d, "programs.csv"))
			f := excelize.NewFile()
			for i, h := range []string{"专业代码", "专业名称", "层次", "专业大类代码", "专业大类", "学制"} {
				cell, _ := excelize.CoordinatesToCellName(i+1, 1)
				f.SetCellStr("Sheet1", cell, h)
			}
			f.SetCellStr("Sheet1", "A2", "520201")
			f.MergeCell("Sheet1", "D1", "E1")
			if err := f.SaveAs(filepath.Join(d, "programs.xlsx")); err != nil {
				t.Fatal(err)
			}
		}, []string{"programs.xlsx:1:D1: the header has merged cells D1:E1"}},
		{"wrong field count", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "regions.csv"), "140800,运城市,140000,city", "140800,运城市,140000")
		}, []string{"regions.csv:4: the row has 3 fields, the header has 4"}},
		{"two files for one table", func(t *testing.T, d string) {
			b, _ := os.ReadFile(filepath.Join(d, "regions.csv"))
			write(t, filepath.Join(d, "regions.parquet"), b)
		}, []string{"regions.csv: table regions has several files: regions.csv, regions.parquet; keep one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyDir(t, "testdata/ok")
			tt.break_(t, dir)
			code, out, errs := run(t, "--warehouse", wh, "--lang", "en", "ingest", "--data", dir)
			if code != exitRejected {
				t.Fatalf("exit %d, want 3\nstdout: %s\nstderr: %s", code, out, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, filepath.Join(dir, w)) && !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if !strings.Contains(errs, dir) {
				t.Errorf("stderr does not name the file's folder:\n%s", errs)
			}
			if after := fingerprint(t, wh); after != before {
				t.Errorf("the warehouse changed:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}

// TestIngestMessagesChinese checks that errors are in Chinese by default.
func TestIngestMessagesChinese(t *testing.T) {
	dir := copyDir(t, "testdata/ok")
	testkit.Replace(t, filepath.Join(dir, "outcomes.csv"), "2023,4114010001,460702,250,200,30", "2023,4114010001,460702,250,240,30")
	code, _, errs := run(t, "--warehouse", filepath.Join(t.TempDir(), "w.duckdb"), "ingest", "--data", dir)
	if code != exitRejected {
		t.Fatalf("exit %d", code)
	}
	for _, w := range []string{"输入被拒绝：1 个错误；未写入任何内容（仓库保持原样）。", "outcomes.csv:3:employed, further_study, graduates: 就业人数 + 升学人数（240 + 30）大于毕业生数 250"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
}

// contentPrint hashes the contract views (the current snapshot's data).
func contentPrint(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, tb := range []string{"regions", "industries", "industry_map", "programs", "program_industry", "schools", "enrollments", "outcomes", "job_postings", "program_lists"} {
		var n int64
		var h sql.NullString
		if err := db.QueryRow(fmt.Sprintf(`SELECT count(*), CAST(sum(hash(t)) AS VARCHAR) FROM main.%s t`, tb)).Scan(&n, &h); err != nil {
			t.Fatalf("%s: %v", tb, err)
		}
		fmt.Fprintf(&b, "%s:%d:%s\n", tb, n, h.String)
	}
	return b.String()
}

// TestIngestFormats loads the same dataset as UTF-8 CSV, GBK CSV with
// Chinese headers, XLSX (codes stored as numbers) and Parquet, and checks
// that the warehouse holds the same data each time.
func TestIngestFormats(t *testing.T) {
	ingest := func(dir string) string {
		wh := filepath.Join(t.TempDir(), "w.duckdb")
		if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", dir); code != 0 {
			t.Fatalf("ingest %s: exit %d\n%s", dir, code, errs)
		}
		return contentPrint(t, wh)
	}
	want := ingest("testdata/ok")
	// header aliases, by table
	aliases := map[string]map[string]string{}
	for _, tb := range []string{"regions", "programs", "schools", "enrollments", "outcomes"} {
		aliases[tb] = map[string]string{}
	}
	aliases["regions"] = map[string]string{"region_code": "区划代码", "name": "名称", "parent_code": "上级代码", "level": "层级"}
	aliases["programs"] = map[string]string{"program_code": "专业代码", "name": "专业名称", "level": "层次", "category_code": "专业大类代码", "category_name": "专业大类", "duration_years": "学制"}

	t.Run("gbk with Chinese headers", func(t *testing.T) {
		dir := copyDir(t, "testdata/ok")
		for tb, al := range aliases {
			p := filepath.Join(dir, tb+".csv")
			b, _ := os.ReadFile(p)
			s := string(b)
			head, rest, _ := strings.Cut(s, "\n")
			cols := strings.Split(head, ",")
			for i, c := range cols {
				if a, ok := al[c]; ok {
					cols[i] = " " + strings.ToUpper(a[:0]) + a + " "
				}
			}
			write(t, p, gbk(t, strings.Join(cols, ",")+"\n"+rest))
		}
		if got := ingest(dir); got != want {
			t.Errorf("GBK dataset differs:\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("thousands separators", func(t *testing.T) {
		dir := copyDir(t, "testdata/ok")
		testkit.Replace(t, filepath.Join(dir, "industry_map.csv"), "2023,140100,B06,52000,310.5", `2023,140100,B06,"52,000",310.5`)
		testkit.Replace(t, filepath.Join(dir, "enrollments.csv"), "2024,4114010001,520201,1020,", `2024,4114010001,520201,"1,020",`)
		if got := ingest(dir); got != want {
			t.Errorf("dataset with thousands separators differs:\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("xlsx with numeric codes", func(t *testing.T) {
		dir := copyDir(t, "testdata/ok")
		for _, tb := range []string{"regions", "programs", "enrollments"} {
			p := filepath.Join(dir, tb+".csv")
			b, _ := os.ReadFile(p)
			os.Remove(p)
			f := excelize.NewFile()
			for r, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				for c, v := range splitCSVLine(line) {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if r > 0 && v != "" && isDigits(v) {
						var n int
						fmt.Sscan(v, &n)
						f.SetCellInt("Sheet1", cell, int64(n)) // 010101-style codes lose their zeros here
					} else {
						f.SetCellStr("Sheet1", cell, v)
					}
				}
			}
			if err := f.SaveAs(filepath.Join(dir, tb+".xlsx")); err != nil {
				t.Fatal(err)
			}
		}
		if got := ingest(dir); got != want {
			t.Errorf("XLSX dataset differs:\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("parquet", func(t *testing.T) {
		dir := copyDir(t, "testdata/ok")
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, tb := range []string{"industry_map", "outcomes"} {
			p := filepath.Join(dir, tb+".csv")
			q := fmt.Sprintf(`COPY (SELECT * FROM read_csv('%s', all_varchar = true)) TO '%s' (FORMAT parquet)`, p, filepath.Join(dir, tb+".parquet"))
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
			os.Remove(p)
		}
		if got := ingest(dir); got != want {
			t.Errorf("Parquet dataset differs:\n%s\nwant\n%s", got, want)
		}
	})
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// splitCSVLine splits one line of the fixture (quoted fields hold commas).
func splitCSVLine(line string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(c)
		}
	}
	return append(out, cur.String())
}

// TestCodePadding checks that 6-digit codes that a spreadsheet stored as
// numbers get their leading zeros back, and that other codes are kept as
// given.
func TestCodePadding(t *testing.T) {
	dir := copyDir(t, "testdata/ok")
	testkit.Replace(t, filepath.Join(dir, "programs.csv"), "\n520201,", "\n10101,示例专业,higher,01,示例大类,3\n520201,")
	testkit.Replace(t, filepath.Join(dir, "program_industry.csv"), "\n520201,", "\n010101,Q84,1\n520201,")
	testkit.Replace(t, filepath.Join(dir, "enrollments.csv"), "\n2023,", "\n2023,4114010001,10101.0,10,10,,\n2023,")
	testkit.Replace(t, filepath.Join(dir, "schools.csv"), "\n4114010001,", "\n0114010001,前导零学校,140100,higher,public,\n4114010001,")
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", dir); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	code, out, errs := run(t, "--warehouse", wh, "sql", "--format", "csv",
		"SELECT (SELECT count(*) FROM enrollments WHERE program_code = '010101'), (SELECT school_code FROM schools WHERE name = '前导零学校')")
	if code != 0 || !strings.HasSuffix(out, "\n1,0114010001\n") {
		t.Errorf("exit %d, out %q %s", code, out, errs)
	}
}

// rejectedStderr runs validate and ingest of dir on wh in English, fails
// the test unless each exits 3, and returns each one's stderr with the
// folder's path taken out of the file names.
func rejectedStderr(t *testing.T, wh, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, cmd := range []string{"validate", "ingest"} {
		code, stdout, errs := run(t, "--warehouse", wh, "--lang", "en", cmd, "--data", dir)
		if code != exitRejected {
			t.Fatalf("%s: exit %d, want 3\nstdout: %s\nstderr: %s", cmd, code, stdout, errs)
		}
		out[cmd] = strings.ReplaceAll(errs, dir+string(filepath.Separator), "")
	}
	return out
}

// TestIngestIntegrity covers the integrity issue end to end on the Shanxi
// demo dataset with one row broken: validate and ingest both exit 3 with
// the located error, and the warehouse (holding the intact dataset) is
// left exactly as it was.
func TestIngestIntegrity(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", testkit.Shanxi(t)); code != 0 {
		t.Fatalf("baseline ingest: exit %d\n%s", code, errs)
	}
	before := fingerprint(t, wh)
	tests := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		want   []string // stderr lines (English), in this order, the folder dropped
	}{
		// enrollments.csv row 5 is 2013,14010010001,730701,117,320,93,121:
		// the duplicate was added up to an intake of 1116
		{"duplicate enrollment beside a code map", func(t *testing.T, d string) {
			testkit.InsertLine(t, filepath.Join(d, "enrollments.csv"), 6, "2013,14010010001,730701,999,320,93,121")
		}, []string{"enrollments.csv:6:year: duplicate key (year,school_code,program_code = 2013,14010010001,730701), same as row 5"}},
		// 1e309 was read as +Inf and 1e308 became +Inf graduates in the run
		{"intake 1e309", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "enrollments.csv"), "\n2013,14010010001,730701,117,", "\n2013,14010010001,730701,1e309,")
		}, []string{"enrollments.csv:5:intake: the number 1e309 is out of range (not finite)"}},
		{"intake 1e308", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "enrollments.csv"), "\n2013,14010010001,730701,117,", "\n2013,14010010001,730701,1e308,")
		}, []string{"enrollments.csv:5:intake: implausibly large: must be below 1,000,000,000, is 1e308; check the unit and the digits"}},
		// 1,000 "not in regions" errors used to fill the list; the counts
		// are the data lines of the files that refer to regions
		{"header-only regions.csv", func(t *testing.T, d string) {
			write(t, filepath.Join(d, "regions.csv"), []byte("region_code,name,parent_code,level\n"))
		}, []string{
			"input rejected: 1 error(s); nothing was written (the warehouse is unchanged).",
			"regions.csv: header only, no rows: fill it in; the 66235 rows that depend on it (industry_map 18432, industry_priorities 31, schools 460, job_postings 47124, education_totals 156, program_lists 32) cannot be checked until then"}},
		// one byte that is not UTF-8 in row 300 of a UTF-8 file was
		// reported at row 2, its first Chinese name, as "neither UTF-8 nor
		// GB18030"
		{"a bad byte in row 300", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "schools.csv"), "\n14090010015,", "\n14090010015,\xff")
		}, []string{"schools.csv:300: this row holds bytes that are not valid UTF-8, the encoding of the rest of the file; fix the row (or save the file as UTF-8 again)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testkit.Shanxi(t)
			tt.break_(t, dir)
			for cmd, got := range rejectedStderr(t, wh, dir) {
				at := 0
				for _, w := range tt.want {
					i := strings.Index(got[at:], w+"\n")
					if i < 0 {
						t.Errorf("%s: stderr lacks %q after byte %d:\n%s", cmd, w, at, got)
						break
					}
					at += i + len(w)
				}
			}
			if after := fingerprint(t, wh); after != before {
				t.Errorf("the warehouse changed:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}
