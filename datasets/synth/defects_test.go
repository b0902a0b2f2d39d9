package synth

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// lines returns the data rows of dir/name.csv as lines.
func lines(t *testing.T, dir, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	l := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	return l[1:]
}

// without returns the lines for which drop is false.
func without(ls []string, drop func(f []string) bool) []string {
	var out []string
	for _, l := range ls {
		if !drop(strings.Split(l, ",")) {
			out = append(out, l)
		}
	}
	return out
}

// TestDefects: each defect changes the rows it names and nothing else —
// every other row is byte-identical to the dataset without defects, so
// that a test can compare the two — and the dataset stays valid under
// the contract.
func TestDefects(t *testing.T) {
	clean, messy := t.TempDir(), t.TempDir()
	generate(t, Options{Out: clean, Seed: 3, Factor: 0.1})
	d := Defects{ProvinceOnlySection: "Q", GraduatesMissingYears: 2, PostingsMissingMonths: []string{"2025-02", "2024-11"},
		PostingsStopAfter: "2024-06", NoIntakeYears: 3, UnmappedDivision: true}
	sum := generate(t, Options{Out: messy, Seed: 3, Factor: 0.1, Defects: d})
	p := sum.Planted
	if p.GraduatesMissingCity == "" || p.GraduatesMissingFrom != 2024 || p.PostingsStoppedCity == "" ||
		p.NoIntakeSchool == "" || p.NoIntakeProgram == "" || p.NoIntakeFrom != 2023 || p.UnmappedDivision == "" || p.UnmappedProgram == "" {
		t.Fatalf("planted %+v", p)
	}
	validate(t, messy, ScaleProvince)
	for _, name := range []string{TableRegions, TableIndustries, TableIndustryPriorities, TablePrograms, TableProgramIndustry,
		TableSchools, TableEducationTotals, TableProgramLists} {
		if !slices.Equal(lines(t, clean, name), lines(t, messy, name)) {
			t.Errorf("%s changed", name)
		}
	}
	regions := lines(t, clean, TableRegions)
	prov := strings.Split(regions[0], ",")[0]
	schoolCity := map[string]string{}
	for _, l := range lines(t, clean, TableSchools) {
		f := strings.Split(l, ",")
		schoolCity[f[0]] = f[2]
	}
	year := func(s string) int { y, _ := strconv.Atoi(s); return y }

	// industry_map: the cities' rows of section Q and of the unmapped
	// division are gone; the province has Q's divisions, each the sum of
	// the cities' rows that were there (where a city gave Q's divisions).
	cm := lines(t, clean, TableIndustryMap)
	want := without(cm, func(f []string) bool { return f[2][:1] == "Q" || f[2] == p.UnmappedDivision })
	mm := lines(t, messy, TableIndustryMap)
	provRows := map[string]string{}
	var cityRows []string
	for _, l := range mm {
		f := strings.Split(l, ",")
		if f[1] == prov {
			provRows[f[0]+"/"+f[2]] = f[3]
			if f[2][:1] != "Q" || len(f[2]) != 3 || f[4] != "" {
				t.Errorf("province row %q: want a division of Q with value_added empty", l)
			}
			continue
		}
		cityRows = append(cityRows, l)
	}
	if !slices.Equal(cityRows, want) {
		t.Errorf("industry_map: the city rows are not the clean ones less Q and %s (%d rows, want %d)", p.UnmappedDivision, len(cityRows), len(want))
	}
	if len(provRows) != 2*nYears { // Q84 and Q85, 2013–2025
		t.Errorf("%d province rows, want %d", len(provRows), 2*nYears)
	}
	// A province row is the sum of its cities' modelled employment of the
	// division (rounded per city as a city's division row is), whether the
	// city gave the division's row or only the section's; where a city
	// gave the division's row, that row is its term.
	wd := newWorld(Options{Seed: 3, Factor: 0.1, Scale: ScaleProvince})
	given := map[string]string{}
	for _, l := range cm {
		f := strings.Split(l, ",")
		given[f[0]+"/"+f[1]+"/"+f[2]] = f[3]
	}
	for k, v := range provRows {
		y, code, _ := strings.Cut(k, "/")
		var s int64
		for _, ci := range wd.provs[0].cities {
			e := round(wd.empAt(ci, wd.divIndex[code], year(y)))
			if g, ok := given[y+"/"+wd.cities[ci].code+"/"+code]; ok && g != strconv.FormatInt(e, 10) {
				t.Fatalf("city %s %s %s: the map has %s, the model %d", wd.cities[ci].code, code, y, g, e)
			}
			s += e
		}
		if v != strconv.FormatInt(s, 10) {
			t.Errorf("province %s: %s, want the cities' sum %d", k, v, s)
		}
	}

	// job_postings: the missing months, and the stopped city after 2024-06.
	want = without(lines(t, clean, TableJobPostings), func(f []string) bool {
		return f[0] == "2025-02" || f[0] == "2024-11" || f[1] == p.PostingsStoppedCity && f[0] > "2024-06"
	})
	if got := lines(t, messy, TableJobPostings); !slices.Equal(got, want) {
		t.Errorf("job_postings: %d rows, want the clean %d less the missing months (%d)", len(got), len(lines(t, clean, TableJobPostings)), len(want))
	}

	// outcomes: the city's graduation years 2024–2025 are gone (and the
	// no-intake program's rows may differ).
	noIntake := func(f []string) bool { return f[1] == p.NoIntakeSchool && f[2] == p.NoIntakeProgram }
	want = without(lines(t, clean, TableOutcomes), func(f []string) bool {
		return noIntake(f) || schoolCity[f[1]] == p.GraduatesMissingCity && year(f[0]) >= 2024
	})
	if got := without(lines(t, messy, TableOutcomes), noIntake); !slices.Equal(got, want) {
		t.Errorf("outcomes: %d rows, want %d", len(got), len(want))
	}
	// enrollments: the city's graduates of 2024–2025 are empty; the
	// no-intake program has intake 0 from 2023 and some before.
	want = nil
	for _, l := range lines(t, clean, TableEnrollments) {
		f := strings.Split(l, ",")
		if noIntake(f) {
			continue
		}
		if schoolCity[f[1]] == p.GraduatesMissingCity && year(f[0]) >= 2024 {
			f[5] = ""
		}
		want = append(want, strings.Join(f, ","))
	}
	var intake []string
	got := without(lines(t, messy, TableEnrollments), func(f []string) bool {
		if noIntake(f) && year(f[0]) >= 2020 {
			intake = append(intake, f[0]+":"+f[3])
		}
		return noIntake(f)
	})
	if !slices.Equal(got, want) {
		t.Errorf("enrollments: %d rows, want %d", len(got), len(want))
	}
	if len(intake) != 6 || strings.HasSuffix(intake[2], ":0") || !slices.Equal(intake[3:], []string{"2023:0", "2024:0", "2025:0"}) {
		t.Errorf("intake of %s/%s 2020–2025: %q, want some, then 0 from 2023", p.NoIntakeSchool, p.NoIntakeProgram, intake)
	}

	// The unmapped division is the second industry of its program.
	if !slices.Contains(lines(t, messy, TableProgramIndustry), p.UnmappedProgram+","+p.UnmappedDivision+",0.2") &&
		!slices.ContainsFunc(lines(t, messy, TableProgramIndustry), func(l string) bool {
			return strings.HasPrefix(l, p.UnmappedProgram+","+p.UnmappedDivision+",")
		}) {
		t.Errorf("program %s is not mapped to %s", p.UnmappedProgram, p.UnmappedDivision)
	}
}

func TestDefectsRejected(t *testing.T) {
	for _, d := range []Defects{
		{ProvinceOnlySection: "Q84"}, {ProvinceOnlySection: "T"}, {GraduatesMissingYears: -1},
		{NoIntakeYears: nYears + 1}, {PostingsMissingMonths: []string{"2025-13"}}, {PostingsStopAfter: "2025-1"},
	} {
		if _, err := Generate(t.Context(), Options{Out: t.TempDir(), Defects: d}); !errors.Is(err, ErrBadOptions) {
			t.Errorf("%+v: %v, want ErrBadOptions", d, err)
		}
	}
	if _, err := Generate(t.Context(), Options{Out: t.TempDir(), Scale: ScaleNational, Defects: Defects{NoIntakeYears: 1}}); !errors.Is(err, ErrBadOptions) {
		t.Errorf("defects at national scale: %v, want ErrBadOptions", err)
	}
}
