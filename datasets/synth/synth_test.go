package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// check collects the rule violations of one file, reporting at most a few
// per file so that a broken generator gives a readable failure.
type check struct {
	t     testing.TB
	file  string
	count int
}

func (c *check) errorf(row int, format string, args ...any) {
	c.t.Helper()
	c.count++
	if c.count <= 5 {
		c.t.Errorf("%s:%d: "+format, append([]any{c.file, row}, args...)...)
	}
}

// readTable streams dir/name.csv through encoding/csv, checking the header
// against want and calling fn for every data row (row numbers are 1-based,
// header = 1). It returns the number of data rows.
func readTable(t testing.TB, dir, name string, want []string, fn func(c *check, row int, rec []string)) int64 {
	t.Helper()
	path := filepath.Join(dir, name+".csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	var head [3]byte
	if n, _ := io.ReadFull(f, head[:]); n == 3 && bytes.Equal(head[:], []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("%s: starts with a BOM", name)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(f)
	r.ReuseRecord = true
	r.FieldsPerRecord = len(want)
	hdr, err := r.Read()
	if err != nil {
		t.Fatalf("%s: header: %v", name, err)
	}
	if strings.Join(hdr, ",") != strings.Join(want, ",") {
		t.Errorf("%s: header %q, want %q", name, hdr, want)
	}
	c := &check{t: t, file: name + ".csv"}
	var rows int64
	for row := 2; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, v := range rec {
			if strings.ContainsAny(v, "\r\n") {
				c.errorf(row, "line break in a cell")
			}
		}
		rows++
		fn(c, row, rec)
	}
	if c.count > 5 {
		t.Errorf("%s: %d more errors", name, c.count-5)
	}
	return rows
}

var (
	reCode6 = regexp.MustCompile(`^\d{6}$`)
	reCode2 = regexp.MustCompile(`^\d{2}$`)
	reMonth = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
	reDiv   = regexp.MustCompile(`^[A-T]\d{2}$`)
	reSec   = regexp.MustCompile(`^[A-T]$`)
)

// nonNeg parses an int ≥ 0; empty is allowed when optional.
func nonNeg(c *check, row int, col, v string, optional bool) (int64, bool) {
	c.t.Helper()
	if v == "" {
		if !optional {
			c.errorf(row, "%s: required", col)
		}
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		c.errorf(row, "%s: %q is not an int ≥ 0", col, v)
		return 0, false
	}
	return n, true
}

func nonNegNum(c *check, row int, col, v string, optional bool) (float64, bool) {
	c.t.Helper()
	if v == "" {
		if !optional {
			c.errorf(row, "%s: required", col)
		}
		return 0, false
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		c.errorf(row, "%s: %q is not a number ≥ 0", col, v)
		return 0, false
	}
	return x, true
}

func header(name string) []string {
	for _, s := range steps {
		for _, tbl := range s.tables {
			if tbl.name == name {
				return tbl.header
			}
		}
	}
	panic("no table " + name)
}

// validate re-reads every table of a generated dataset and checks every
// rule of the data contract (with the multi-province extension when
// scale is national). It returns the rows per table.
func validate(t testing.TB, dir string, scale Scale) map[string]int64 {
	t.Helper()
	rows := map[string]int64{}
	type void struct{}
	key := func(parts ...string) string { return strings.Join(parts, "\x00") }

	regionLevel := map[string]string{}
	parents := map[string]string{}
	provinceN := 0
	rows[TableRegions] = readTable(t, dir, TableRegions, header(TableRegions), func(c *check, row int, r []string) {
		code, name, parent, level := r[0], r[1], r[2], r[3]
		if !reCode6.MatchString(code) {
			c.errorf(row, "region_code %q: not 6 digits", code)
		}
		if _, dup := regionLevel[code]; dup {
			c.errorf(row, "region_code %q: duplicate", code)
		}
		if name == "" {
			c.errorf(row, "name: empty")
		}
		switch level {
		case "province":
			provinceN++
			if parent != "" {
				c.errorf(row, "parent_code: not empty for a province")
			}
			if !strings.HasSuffix(code, "0000") {
				c.errorf(row, "region_code %q: not a province code", code)
			}
		case "city", "county":
			if parent == "" || parent[:2] != code[:2] {
				c.errorf(row, "parent_code %q: not the province of %s", parent, code)
			}
		default:
			c.errorf(row, "level %q", level)
		}
		regionLevel[code] = level
		parents[code] = parent
	})
	for code, p := range parents {
		if p != "" && regionLevel[p] == "" {
			t.Errorf("regions: %s: parent %s missing", code, p)
		}
	}
	switch scale {
	case ScaleProvince:
		if provinceN != 1 {
			t.Errorf("regions: %d province rows, want exactly 1", provinceN)
		}
	case ScaleNational:
		if provinceN != 31 {
			t.Errorf("regions: %d province rows, want 31", provinceN)
		}
	}

	industries := map[string]string{} // code -> parent
	sections, divisions := 0, 0
	rows[TableIndustries] = readTable(t, dir, TableIndustries, header(TableIndustries), func(c *check, row int, r []string) {
		code, name, sector, parent := r[0], r[1], r[2], r[3]
		if _, dup := industries[code]; dup {
			c.errorf(row, "industry_code %q: duplicate", code)
		}
		switch {
		case reSec.MatchString(code):
			sections++
			if parent != "" {
				c.errorf(row, "parent_code: not empty for a section")
			}
		case reDiv.MatchString(code):
			divisions++
			if parent != code[:1] {
				c.errorf(row, "parent_code %q: want %q", parent, code[:1])
			}
		default:
			c.errorf(row, "industry_code %q: not a section or division", code)
		}
		if name == "" {
			c.errorf(row, "name: empty")
		}
		if sector != "1" && sector != "2" && sector != "3" {
			c.errorf(row, "sector %q", sector)
		}
		industries[code] = parent
	})
	if sections != 20 || divisions != 97 {
		t.Errorf("industries: %d sections, %d divisions, want 20 and 97", sections, divisions)
	}
	for code, p := range industries {
		if p != "" && industries[p] != "" {
			t.Errorf("industries: %s: parent %s is not a section", code, p)
		}
		if _, ok := industries[p]; p != "" && !ok {
			t.Errorf("industries: %s: parent %s missing", code, p)
		}
	}
	section := func(code string) string { return code[:1] }

	mapKeys := map[string]void{}
	// (year, region, section) -> "S" section row seen, "D" division row seen
	shape := map[string]string{}
	rows[TableIndustryMap] = readTable(t, dir, TableIndustryMap, header(TableIndustryMap), func(c *check, row int, r []string) {
		year, region, ind := r[0], r[1], r[2]
		if _, err := strconv.Atoi(year); err != nil {
			c.errorf(row, "year %q", year)
		}
		if l := regionLevel[region]; l != "city" && l != "province" {
			c.errorf(row, "region_code %q: not a city or province", region)
		}
		if _, ok := industries[ind]; !ok {
			c.errorf(row, "industry_code %q: not in industries", ind)
		}
		k := key(year, region, ind)
		if _, dup := mapKeys[k]; dup {
			c.errorf(row, "duplicate key")
		}
		mapKeys[k] = void{}
		nonNegNum(c, row, "employment", r[3], false)
		nonNegNum(c, row, "value_added", r[4], true)
		kind := "D"
		if len(ind) == 1 {
			kind = "S"
		}
		sk := key(year, region, section(ind))
		if prev, ok := shape[sk]; ok && prev != kind {
			c.errorf(row, "industry_code %q: section and division rows for %s in %s %s", ind, section(ind), region, year)
		}
		shape[sk] = kind
	})
	clear(mapKeys)
	clear(shape)

	tiers := map[string]bool{"strategic_emerging": true, "pillar": true, "shortage": true, "traditional": true, "declining": true}
	rows[TableIndustryPriorities] = readTable(t, dir, TableIndustryPriorities, header(TableIndustryPriorities), func(c *check, row int, r []string) {
		if l := regionLevel[r[0]]; l != "province" && l != "city" {
			c.errorf(row, "region_code %q", r[0])
		}
		if _, ok := industries[r[1]]; !ok {
			c.errorf(row, "industry_code %q", r[1])
		}
		if !tiers[r[2]] {
			c.errorf(row, "tier %q", r[2])
		}
		if r[3] != "" {
			if _, err := strconv.ParseFloat(r[3], 64); err != nil {
				c.errorf(row, "target_growth %q", r[3])
			}
		}
	})

	programs := map[string]string{} // code -> level
	rows[TablePrograms] = readTable(t, dir, TablePrograms, header(TablePrograms), func(c *check, row int, r []string) {
		code, name, level, cat, catName, dur := r[0], r[1], r[2], r[3], r[4], r[5]
		if !reCode6.MatchString(code) {
			c.errorf(row, "program_code %q", code)
		}
		if _, dup := programs[code]; dup {
			c.errorf(row, "program_code %q: duplicate", code)
		}
		if name == "" || catName == "" {
			c.errorf(row, "name or category_name empty")
		}
		switch level {
		case "secondary", "higher", "bachelor":
		default:
			c.errorf(row, "level %q", level)
		}
		if !reCode2.MatchString(cat) || !strings.HasPrefix(code, cat) {
			c.errorf(row, "category_code %q of %s", cat, code)
		}
		if d, err := strconv.Atoi(dur); err != nil || d < 2 || d > 5 {
			c.errorf(row, "duration_years %q", dur)
		}
		programs[code] = level
	})

	wsum := map[string]float64{}
	pairs := map[string]void{}
	rows[TableProgramIndustry] = readTable(t, dir, TableProgramIndustry, header(TableProgramIndustry), func(c *check, row int, r []string) {
		if _, ok := programs[r[0]]; !ok {
			c.errorf(row, "program_code %q: not in programs", r[0])
		}
		if _, ok := industries[r[1]]; !ok {
			c.errorf(row, "industry_code %q: not in industries", r[1])
		}
		if _, dup := pairs[key(r[0], r[1])]; dup {
			c.errorf(row, "duplicate pair")
		}
		pairs[key(r[0], r[1])] = void{}
		w, err := strconv.ParseFloat(r[2], 64)
		if err != nil || w <= 0 || w > 1 {
			c.errorf(row, "weight %q", r[2])
		}
		wsum[r[0]] += w
	})
	for p := range programs {
		if s, ok := wsum[p]; !ok || math.Abs(s-1) > 1e-9 {
			t.Errorf("program_industry: %s: weights sum to %v, want 1", p, s)
		}
	}

	schools := map[string]void{}
	rows[TableSchools] = readTable(t, dir, TableSchools, header(TableSchools), func(c *check, row int, r []string) {
		if _, dup := schools[r[0]]; dup || r[0] == "" {
			c.errorf(row, "school_code %q: empty or duplicate", r[0])
		}
		schools[r[0]] = void{}
		if l := regionLevel[r[2]]; l != "city" && l != "county" {
			c.errorf(row, "region_code %q: not a city or county", r[2])
		}
		switch r[3] {
		case "secondary", "technician", "higher", "bachelor":
		default:
			c.errorf(row, "type %q", r[3])
		}
		if r[4] != "public" && r[4] != "private" {
			c.errorf(row, "ownership %q", r[4])
		}
		nonNeg(c, row, "capacity", r[5], true)
	})

	refs := func(c *check, row int, school, program string) {
		c.t.Helper()
		if _, ok := schools[school]; !ok {
			c.errorf(row, "school_code %q: not in schools", school)
		}
		if _, ok := programs[program]; !ok {
			c.errorf(row, "program_code %q: not in programs", program)
		}
	}
	keys := map[string]void{}
	rows[TableEnrollments] = readTable(t, dir, TableEnrollments, header(TableEnrollments), func(c *check, row int, r []string) {
		refs(c, row, r[1], r[2])
		k := key(r[0], r[1], r[2])
		if _, dup := keys[k]; dup {
			c.errorf(row, "duplicate key")
		}
		keys[k] = void{}
		nonNeg(c, row, "year", r[0], false)
		nonNeg(c, row, "intake", r[3], false)
		nonNeg(c, row, "enrolled_total", r[4], false)
		nonNeg(c, row, "graduates", r[5], true)
		nonNeg(c, row, "planned_intake", r[6], true)
	})
	clear(keys)

	// Placement per program, to check that some programs place poorly.
	placedBy := map[string][2]int64{}
	rows[TableOutcomes] = readTable(t, dir, TableOutcomes, header(TableOutcomes), func(c *check, row int, r []string) {
		refs(c, row, r[1], r[2])
		k := key(r[0], r[1], r[2])
		if _, dup := keys[k]; dup {
			c.errorf(row, "duplicate key")
		}
		keys[k] = void{}
		nonNeg(c, row, "grad_year", r[0], false)
		g, _ := nonNeg(c, row, "graduates", r[3], false)
		e, _ := nonNeg(c, row, "employed", r[4], false)
		f, _ := nonNeg(c, row, "further_study", r[5], false)
		if e+f > g {
			c.errorf(row, "employed + further_study = %d > graduates = %d", e+f, g)
		}
		if m, ok := nonNeg(c, row, "matched", r[6], true); ok && m > e {
			c.errorf(row, "matched %d > employed %d", m, e)
		}
		nonNegNum(c, row, "avg_monthly_salary", r[7], true)
		if p, ok := nonNeg(c, row, "employed_in_province", r[8], true); ok && p > e {
			c.errorf(row, "employed_in_province %d > employed %d", p, e)
		}
		s := placedBy[r[2]]
		placedBy[r[2]] = [2]int64{s[0] + e + f, s[1] + g}
	})
	clear(keys)
	low := 0
	for _, s := range placedBy {
		if s[1] > 0 && float64(s[0])/float64(s[1]) < 0.7 {
			low++
		}
	}
	if low == 0 {
		t.Errorf("outcomes: no program places below 70%%")
	}

	rows[TableJobPostings] = readTable(t, dir, TableJobPostings, header(TableJobPostings), func(c *check, row int, r []string) {
		if !reMonth.MatchString(r[0]) {
			c.errorf(row, "month %q", r[0])
		}
		if regionLevel[r[1]] == "" {
			c.errorf(row, "region_code %q: not in regions", r[1])
		}
		if _, ok := industries[r[2]]; !ok {
			c.errorf(row, "industry_code %q: not in industries", r[2])
		}
		k := key(r[0], r[1], r[2])
		if _, dup := keys[k]; dup {
			c.errorf(row, "duplicate key")
		}
		keys[k] = void{}
		nonNeg(c, row, "postings", r[3], false)
		nonNeg(c, row, "job_seekers", r[4], true)
	})
	clear(keys)

	rows[TableEducationTotals] = readTable(t, dir, TableEducationTotals, header(TableEducationTotals), func(c *check, row int, r []string) {
		nonNeg(c, row, "year", r[0], false)
		if regionLevel[r[1]] == "" {
			c.errorf(row, "region_code %q: not in regions", r[1])
		}
		nonNeg(c, row, "general_upper_secondary_intake", r[2], false)
	})

	rows[TableProgramLists] = readTable(t, dir, TableProgramLists, header(TableProgramLists), func(c *check, row int, r []string) {
		if regionLevel[r[0]] == "" {
			c.errorf(row, "region_code %q: not in regions", r[0])
		}
		if _, ok := programs[r[1]]; !ok {
			c.errorf(row, "program_code %q: not in programs", r[1])
		}
		if r[2] != "control" && r[2] != "encouraged" {
			c.errorf(row, "list %q", r[2])
		}
		k := key(r[0], r[1])
		if _, dup := keys[k]; dup {
			c.errorf(row, "program listed twice")
		}
		keys[k] = void{}
	})
	return rows
}

// generate runs Generate and fails the test on error.
func generate(t testing.TB, opts Options) Summary {
	t.Helper()
	sum, err := Generate(context.Background(), opts)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return sum
}

func TestGenerateProvince(t *testing.T) {
	dir := t.TempDir()
	progress := map[string]int64{}
	sum := generate(t, Options{Out: dir, Seed: 1, Progress: func(table string, rows int64) {
		if rows < progress[table] {
			t.Errorf("progress of %s went back from %d to %d", table, progress[table], rows)
		}
		progress[table] = rows
	}})
	rows := validate(t, dir, ScaleProvince)
	var size int64
	for _, name := range Tables() {
		if rows[name] != sum.Tables[name] {
			t.Errorf("%s: %d rows in the file, Summary says %d", name, rows[name], sum.Tables[name])
		}
		if progress[name] != sum.Tables[name] {
			t.Errorf("%s: last progress %d, want %d", name, progress[name], sum.Tables[name])
		}
		if rows[name] == 0 {
			t.Errorf("%s: no rows", name)
		}
		fi, err := os.Stat(filepath.Join(dir, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		size += fi.Size()
		t.Logf("  %-20s %7d rows %9d bytes", name, rows[name], fi.Size())
	}
	if size != sum.Bytes {
		t.Errorf("files hold %d bytes, Summary says %d", size, sum.Bytes)
	}
	// The brief's magnitudes for the province scale.
	for _, tc := range []struct {
		table    string
		min, max int64
	}{
		{TableRegions, 10, 15},
		{TableIndustries, 117, 117},
		{TablePrograms, 300, 300},
		{TableSchools, 400, 500},
		{TableEnrollments, 100_000, 200_000},
		{TableOutcomes, 50_000, 200_000},
		{TableJobPostings, 70_000, 130_000},
	} {
		if n := sum.Tables[tc.table]; n < tc.min || n > tc.max {
			t.Errorf("%s: %d rows, want %d..%d", tc.table, n, tc.min, tc.max)
		}
	}
	t.Logf("province seed 1: %d bytes", sum.Bytes)
}

func TestGenerateDeterministic(t *testing.T) {
	read := func(dir string) map[string][]byte {
		out := map[string][]byte{}
		for _, name := range Tables() {
			b, err := os.ReadFile(filepath.Join(dir, name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			out[name] = b
		}
		return out
	}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	generate(t, Options{Out: a, Seed: 7})
	generate(t, Options{Out: b, Seed: 7, Scale: ScaleProvince, Factor: 1})
	generate(t, Options{Out: c, Seed: 8})
	fa, fb, fc := read(a), read(b), read(c)
	for _, name := range Tables() {
		if !bytes.Equal(fa[name], fb[name]) {
			t.Errorf("%s: same seed, different bytes", name)
		}
	}
	for _, name := range []string{TableRegions, TableSchools, TableEnrollments, TableOutcomes, TableJobPostings, TablePrograms} {
		if bytes.Equal(fa[name], fc[name]) {
			t.Errorf("%s: different seeds, same bytes", name)
		}
	}
	if !bytes.Equal(fa[TableIndustries], fc[TableIndustries]) {
		t.Errorf("industries: should not depend on the seed")
	}
}

func TestGenerateFactor(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	small := generate(t, Options{Out: t.TempDir(), Seed: 3, Factor: 0.25})
	full := generate(t, Options{Out: t.TempDir(), Seed: 3})
	if r := float64(small.Tables[TableSchools]) / float64(full.Tables[TableSchools]); r < 0.2 || r > 0.3 {
		t.Errorf("Factor 0.25 gives %.2f of the schools", r)
	}
	if small.Tables[TableJobPostings] != full.Tables[TableJobPostings] {
		t.Errorf("Factor changed job_postings")
	}
}

func TestGenerateBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"empty out", Options{}},
		{"unknown scale", Options{Out: "x", Scale: "county"}},
		{"negative factor", Options{Out: "x", Factor: -1}},
		{"nan factor", Options{Out: "x", Factor: math.NaN()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Out = strings.Replace(tc.opts.Out, "x", t.TempDir(), 1)
			_, err := Generate(context.Background(), tc.opts)
			if !errors.Is(err, ErrBadOptions) {
				t.Fatalf("err = %v, want ErrBadOptions", err)
			}
			if !strings.HasPrefix(err.Error(), "synth: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestGenerateCancelled(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cancel string // table at whose first progress report to cancel; "" = before the call
	}{
		{"before", ""},
		{"during enrollments", TableEnrollments},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel == "" {
				cancel()
			}
			_, err := Generate(ctx, Options{Out: t.TempDir(), Seed: 1, Progress: func(table string, _ int64) {
				if table == tc.cancel {
					cancel()
				}
			}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
		})
	}
}

func TestChineseNumber(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{1, "一"}, {10, "十"}, {11, "十一"}, {20, "二十"}, {35, "三十五"}, {99, "九十九"}} {
		if got := chineseNumber(tc.n); got != tc.want {
			t.Errorf("chineseNumber(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestGenerateNational generates and checks the national scale; it writes
// about 310 MB (times VOCMAP_SYNTH_FACTOR, default 1) into a temporary
// folder, so it runs only with VOCMAP_SYNTH_NATIONAL=1. With
// VOCMAP_SYNTH_NATIONAL_VALIDATE=1 it also re-reads and checks every file
// (about 20 s and 350 MB of memory at Factor 1).
func TestGenerateNational(t *testing.T) {
	if os.Getenv("VOCMAP_SYNTH_NATIONAL") != "1" {
		t.Skip("set VOCMAP_SYNTH_NATIONAL=1 to generate the national scale")
	}
	factor := 1.0
	if v := os.Getenv("VOCMAP_SYNTH_FACTOR"); v != "" {
		var err error
		if factor, err = strconv.ParseFloat(v, 64); err != nil {
			t.Fatalf("VOCMAP_SYNTH_FACTOR: %v", err)
		}
	}
	dir := t.TempDir()
	start := time.Now()
	sum := generate(t, Options{Out: dir, Scale: ScaleNational, Seed: 1, Factor: factor})
	t.Logf("national seed 1 factor %v: generated in %v, %d bytes", factor, time.Since(start), sum.Bytes)
	for _, name := range Tables() {
		fi, err := os.Stat(filepath.Join(dir, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("  %-20s %9d rows %12d bytes", name, sum.Tables[name], fi.Size())
	}
	for _, tc := range []struct {
		table string
		min   int64
	}{{TableEnrollments, 3_000_000}, {TableOutcomes, 2_000_000}, {TableJobPostings, 2_000_000}, {TableSchools, 11_000}} {
		if factor >= 1 && sum.Tables[tc.table] < tc.min {
			t.Errorf("%s: %d rows, want ≥ %d", tc.table, sum.Tables[tc.table], tc.min)
		}
	}
	if os.Getenv("VOCMAP_SYNTH_NATIONAL_VALIDATE") == "1" {
		start = time.Now()
		validate(t, dir, ScaleNational)
		t.Logf("validated in %v", time.Since(start))
	}
}

func BenchmarkGenerateProvince(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	var bytes int64
	for b.Loop() {
		sum, err := Generate(context.Background(), Options{Out: dir, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		bytes = sum.Bytes
	}
	b.SetBytes(bytes)
}

// TestIndustriesMatchReference compares the embedded GB/T 4754-2017 table
// with the reference CSV named by VOCMAP_GBT4754_CSV (columns level,
// section, code, name, ...), when set.
func TestIndustriesMatchReference(t *testing.T) {
	path := os.Getenv("VOCMAP_GBT4754_CSV")
	if path == "" {
		t.Skip("set VOCMAP_GBT4754_CSV to the reference gbt4754_2017_industry_codes.csv")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var want []industryRow
	for _, r := range recs[1:] {
		switch r[0] {
		case "1":
			want = append(want, industryRow{r[2], r[3], r[1]})
		case "2":
			want = append(want, industryRow{r[1] + r[2], r[3], r[1]})
		}
	}
	if len(want) != len(gbt4754) {
		t.Fatalf("reference has %d sections and divisions, embedded %d", len(want), len(gbt4754))
	}
	for i := range want {
		if want[i] != gbt4754[i] {
			t.Errorf("row %d: embedded %+v, reference %+v", i, gbt4754[i], want[i])
		}
	}
}
