// Command gen writes the Shanxi demo dataset of vocmap (the CSV tables of
// docs' data contract v1) and checks it.
//
//	go run ./datasets/shanxi/gen -out datasets/shanxi
//
// The output is deterministic: a fixed seed drives math/rand/v2 and no map
// is ranged where it would change the draw order.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type gbIndustry struct{ code, name, parent string }

type moeSchool struct{ code, name, city, level, nature string }

var rng *rand.Rand

func itoa(i int) string { return strconv.Itoa(i) }

func ff(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }

func ftoa0(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }

// noise: a multiplicative lognormal factor with the given sd.
func noise(sd float64) float64 { return math.Exp(rng.NormFloat64() * sd) }

type table struct {
	name   string
	header []string
	rows   [][]string
}

func writeTable(dir string, t table) error {
	f, err := os.Create(filepath.Join(dir, t.name+".csv"))
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(t.header); err != nil {
		return err
	}
	if err := w.WriteAll(t.rows); err != nil {
		return err
	}
	return f.Close()
}

func main() {
	out := flag.String("out", "datasets/shanxi", "output folder")
	ref := flag.String("ref", "/work/shared/reference", "reference folder for optional cross-checks (skipped when absent)")
	printProgs := flag.Bool("print-programs", false, "print the program source table (markdown) and exit")
	flag.Parse()
	rng = rand.New(rand.NewPCG(20230314, 140000))

	progs := parsePrograms()
	if *printProgs {
		printProgramTable(progs)
		return
	}
	b := &builder{progs: progs, byCode: map[string]*program{}}
	for _, p := range progs {
		b.byCode[p.code] = p
	}

	var tables []table
	// regions
	reg := table{name: "regions", header: []string{"region_code", "name", "parent_code", "level"}}
	reg.rows = append(reg.rows, []string{provCode, "山西省", "", "province"})
	for _, c := range cities {
		reg.rows = append(reg.rows, []string{c.code, c.name, provCode, "city"})
	}
	tables = append(tables, reg)

	// industries
	ind := table{name: "industries", header: []string{"industry_code", "name", "sector", "parent_code"}}
	for _, g := range gbIndustries {
		sec := g.code[:1]
		ind.rows = append(ind.rows, []string{g.code, g.name, itoa(sectorOf(sec)), g.parent})
	}
	tables = append(tables, ind)

	eco := buildEconomy()
	tables = append(tables, table{name: "industry_map", header: []string{"year", "region_code", "industry_code", "employment", "value_added"}, rows: eco.industryMapRows()})
	tables = append(tables, table{name: "industry_priorities", header: []string{"region_code", "industry_code", "tier", "target_growth", "source"}, rows: priorities()})

	// programs and crosswalk
	pt := table{name: "programs", header: []string{"program_code", "name", "level", "category_code", "category_name", "duration_years"}}
	pi := table{name: "program_industry", header: []string{"program_code", "industry_code", "weight"}}
	divSet := map[string]bool{}
	for _, p := range progs {
		pt.rows = append(pt.rows, []string{p.code, p.name, p.level, p.code[:2], categoryName(p.code[:2]), itoa(p.dur)})
		for _, iw := range p.inds {
			pi.rows = append(pi.rows, []string{p.code, iw.code, ff(iw.w, -1)})
			divSet[iw.code] = true
		}
	}
	tables = append(tables, pt, pi)

	// program_code_map
	cm := table{name: "program_code_map", header: []string{"old_code", "new_code", "weight"}}
	for _, p := range progs {
		if p.old == "" {
			continue
		}
		if ex, ok := codeMapExtra[p.old]; ok {
			cm.rows = append(cm.rows, []string{p.old, p.code, ff(1-ex.w, -1)}, []string{p.old, ex.code, ff(ex.w, -1)})
		} else {
			cm.rows = append(cm.rows, []string{p.old, p.code, "1"})
		}
	}
	tables = append(tables, cm)

	// schools, enrollments, outcomes
	b.secondarySchools()
	b.higherSchools()
	b.simulate()
	lowNotes := b.markLowPlacement()
	st := table{name: "schools", header: []string{"school_code", "name", "region_code", "type", "ownership", "capacity"}}
	for _, s := range b.schools {
		st.rows = append(st.rows, []string{s.code, s.name, s.region, s.typ, s.own, itoa(s.capacity)})
	}
	tables = append(tables, st)
	tables = append(tables, table{name: "enrollments", header: []string{"year", "school_code", "program_code", "intake", "enrolled_total", "graduates", "planned_intake"}, rows: b.enrollmentRows()})
	tables = append(tables, table{name: "outcomes", header: []string{"grad_year", "school_code", "program_code", "graduates", "employed", "further_study", "matched", "avg_monthly_salary", "employed_in_province"}, rows: b.outcomeRows()})

	var divs []string
	for d := range divSet {
		divs = append(divs, d)
	}
	sort.Strings(divs)
	tables = append(tables, table{name: "job_postings", header: []string{"month", "region_code", "industry_code", "postings", "job_seekers"}, rows: eco.jobPostings(divs)})
	tables = append(tables, table{name: "education_totals", header: []string{"year", "region_code", "general_upper_secondary_intake"}, rows: b.educationTotals()})

	pl := table{name: "program_lists", header: []string{"region_code", "program_code", "list", "source"}}
	for _, c := range strings.Fields(controlList) {
		pl.rows = append(pl.rows, []string{provCode, c, "control", "晋教职成函〔2024〕68号：2025年控制布点专业（全省布点超过15个的高职专业）"})
	}
	for _, c := range strings.Fields(encouragedList) {
		pl.rows = append(pl.rows, []string{provCode, c, "encouraged", "《关于推动现代职业教育高质量发展的实施意见》（2023）（八）紧缺领域；晋教职成函〔2024〕68号鼓励类（本数据集据文件方向整理）"})
	}
	tables = append(tables, pl)

	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatal(err)
	}
	for _, t := range tables {
		if err := writeTable(*out, t); err != nil {
			fatal(err)
		}
	}
	fmt.Println("low-placement pairs (Ministry 60% rule):")
	for _, n := range lowNotes {
		fmt.Println("  " + n)
	}
	errs := check(*out, *ref)
	calibration(*out)
	if len(errs) > 0 {
		fmt.Fprintf(os.Stderr, "\nSELF-CHECK FAILED: %d violation(s)\n", len(errs))
		for i, e := range errs {
			if i >= 50 {
				fmt.Fprintf(os.Stderr, "  ... %d more\n", len(errs)-50)
				break
			}
			fmt.Fprintln(os.Stderr, "  "+e)
		}
		os.Exit(1)
	}
	fmt.Println("\nself-check: OK")
}

// 2025 control list (晋教职成函〔2024〕68号, shanxi_facts.md), in its order.
const controlList = "530302 510205 530701 510201 510102 540106 540101 510203 530605 460609 510209 460301 460305 510202 510204 530802"

// encouraged list: the policy's shortage fields and strategic industries.
const encouragedList = "520201 520802 590301 590302 520601 520801 460702 500212 430302 510401 720201 770101 790301 790302 320201 390301"

func fatal(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func printProgramTable(ps []*program) {
	fmt.Println("| code | name | level | category | duration | status | pre-2021 code |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, p := range ps {
		status := "recalled (widely cited)"
		if p.conf == "U" {
			status = "**UNCONFIRMED**"
		}
		if p.code == "520802" {
			status = "cross-checked (public code cites 520802)"
		}
		old := ""
		if p.old != "" {
			old = p.old + " " + oldNames[p.old]
		}
		fmt.Printf("| %s | %s | %s | %s %s | %d | %s | %s |\n", p.code, p.name, p.level, p.code[:2], categoryName(p.code[:2]), p.dur, status, old)
	}
}
