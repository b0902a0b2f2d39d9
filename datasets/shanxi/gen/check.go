package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type rec map[string]string

func readCSV(dir, name string) ([]rec, []string, error) {
	raw, err := os.ReadFile(filepath.Join(dir, name+".csv"))
	if err != nil {
		return nil, nil, err
	}
	var probs []string
	if bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		probs = append(probs, name+".csv: has a BOM")
	}
	if bytes.Contains(raw, []byte("\r")) {
		probs = append(probs, name+".csv: contains CR line ends")
	}
	r := csv.NewReader(bytes.NewReader(raw))
	all, err := r.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	var out []rec
	for _, row := range all[1:] {
		m := rec{}
		for i, h := range all[0] {
			m[h] = row[i]
		}
		out = append(out, m)
	}
	return out, probs, nil
}

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)
var monthRe = regexp.MustCompile(`^20[0-9]{2}-(0[1-9]|1[0-2])$`)

// check re-reads the written CSVs and returns every violation of the data
// contract's rules it finds.
func check(dir, ref string) []string {
	var errs []string
	bad := func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) }
	T := map[string][]rec{}
	headers := map[string][]string{
		"regions":             {"region_code", "name", "parent_code", "level"},
		"industries":          {"industry_code", "name", "sector", "parent_code"},
		"industry_map":        {"year", "region_code", "industry_code", "employment", "value_added"},
		"industry_priorities": {"region_code", "industry_code", "tier", "target_growth", "source"},
		"programs":            {"program_code", "name", "level", "category_code", "category_name", "duration_years"},
		"program_industry":    {"program_code", "industry_code", "weight"},
		"schools":             {"school_code", "name", "region_code", "type", "ownership", "capacity"},
		"enrollments":         {"year", "school_code", "program_code", "intake", "enrolled_total", "graduates", "planned_intake"},
		"outcomes":            {"grad_year", "school_code", "program_code", "graduates", "employed", "further_study", "matched", "avg_monthly_salary", "employed_in_province"},
		"job_postings":        {"month", "region_code", "industry_code", "postings", "job_seekers"},
		"education_totals":    {"year", "region_code", "general_upper_secondary_intake"},
		"program_code_map":    {"old_code", "new_code", "weight"},
		"program_lists":       {"region_code", "program_code", "list", "source"},
	}
	names := make([]string, 0, len(headers))
	for n := range headers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		rows, probs, err := readCSV(dir, n)
		if err != nil {
			bad("%s: %v", n, err)
			continue
		}
		errs = append(errs, probs...)
		if len(rows) > 0 {
			for _, h := range headers[n] {
				if _, ok := rows[0][h]; !ok {
					bad("%s: missing column %s", n, h)
				}
			}
		}
		T[n] = rows
	}
	if _, err := os.Stat(filepath.Join(dir, "overrides.csv")); err == nil {
		bad("overrides.csv must not be written")
	}
	unique := func(tab string, cols ...string) {
		seen := map[string]int{}
		for i, r := range T[tab] {
			var k []string
			for _, c := range cols {
				k = append(k, r[c])
			}
			key := strings.Join(k, "|")
			if j, ok := seen[key]; ok {
				bad("%s row %d: duplicate key %s (first at row %d)", tab, i+2, key, j+2)
			}
			seen[key] = i
		}
	}
	num := func(tab string, i int, r rec, col string, optional, integer bool) (float64, bool) {
		v := r[col]
		if v == "" {
			if !optional {
				bad("%s row %d: %s is empty", tab, i+2, col)
			}
			return 0, false
		}
		if strings.Contains(v, ",") {
			bad("%s row %d: %s has a thousands separator", tab, i+2, col)
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || math.IsNaN(f) {
			bad("%s row %d: %s=%q is not a number >= 0", tab, i+2, col, v)
			return 0, false
		}
		if integer && f != math.Trunc(f) {
			bad("%s row %d: %s=%q is not an integer", tab, i+2, col, v)
		}
		return f, true
	}

	// regions
	unique("regions", "region_code")
	regLevel := map[string]string{}
	nProv := 0
	for i, r := range T["regions"] {
		if !sixDigits.MatchString(r["region_code"]) {
			bad("regions row %d: region_code not 6 digits", i+2)
		}
		regLevel[r["region_code"]] = r["level"]
		switch r["level"] {
		case "province":
			nProv++
			if r["parent_code"] != "" {
				bad("regions row %d: province has a parent", i+2)
			}
		case "city", "county":
		default:
			bad("regions row %d: bad level %q", i+2, r["level"])
		}
	}
	if nProv != 1 {
		bad("regions: %d province rows", nProv)
	}
	for i, r := range T["regions"] {
		if r["parent_code"] != "" && regLevel[r["parent_code"]] == "" {
			bad("regions row %d: parent %s unknown", i+2, r["parent_code"])
		}
	}
	// industries
	unique("industries", "industry_code")
	indParent := map[string]string{}
	indRe := regexp.MustCompile(`^[A-T]([0-9]{2})?$`)
	for i, r := range T["industries"] {
		c := r["industry_code"]
		if !indRe.MatchString(c) {
			bad("industries row %d: bad code %s", i+2, c)
		}
		indParent[c] = r["parent_code"]
		want := strconv.Itoa(sectorOf(c[:1]))
		if r["sector"] != want {
			bad("industries row %d: sector %s, want %s", i+2, r["sector"], want)
		}
		if len(c) == 1 && r["parent_code"] != "" || len(c) == 3 && r["parent_code"] != c[:1] {
			bad("industries row %d: parent_code %q wrong", i+2, r["parent_code"])
		}
	}
	checkAgainstReference(ref, T["industries"], T["schools"], bad)
	indOK := func(c string) bool { _, ok := indParent[c]; return ok }
	// industry_map
	unique("industry_map", "year", "region_code", "industry_code")
	type ysKey struct{ y, reg, sec string }
	secRow := map[ysKey]bool{}
	divRow := map[ysKey]bool{}
	for i, r := range T["industry_map"] {
		if l := regLevel[r["region_code"]]; l != "city" && l != "province" {
			bad("industry_map row %d: region %s is not a city or the province", i+2, r["region_code"])
		}
		c := r["industry_code"]
		if !indOK(c) {
			bad("industry_map row %d: industry %s unknown", i+2, c)
			continue
		}
		num("industry_map", i, r, "employment", false, false)
		num("industry_map", i, r, "value_added", true, false)
		k := ysKey{r["year"], r["region_code"], c[:1]}
		if len(c) == 1 {
			secRow[k] = true
		} else {
			divRow[k] = true
		}
	}
	for k := range secRow {
		if divRow[k] {
			bad("industry_map: section %s and its divisions both given for %s/%s", k.sec, k.reg, k.y)
		}
	}
	// priorities
	unique("industry_priorities", "region_code", "industry_code")
	for i, r := range T["industry_priorities"] {
		if regLevel[r["region_code"]] == "" || !indOK(r["industry_code"]) {
			bad("industry_priorities row %d: unknown region or industry", i+2)
		}
		switch r["tier"] {
		case "strategic_emerging", "pillar", "shortage", "traditional", "declining":
		default:
			bad("industry_priorities row %d: bad tier", i+2)
		}
		if _, err := strconv.ParseFloat(r["target_growth"], 64); r["target_growth"] != "" && err != nil {
			bad("industry_priorities row %d: bad target_growth", i+2)
		}
	}
	// programs
	unique("programs", "program_code")
	progLevel := map[string]string{}
	for i, r := range T["programs"] {
		c := r["program_code"]
		if !sixDigits.MatchString(c) {
			bad("programs row %d: code %s not 6 digits", i+2, c)
			continue
		}
		progLevel[c] = r["level"]
		if r["category_code"] != c[:2] || r["category_name"] != categoryName(c[:2]) {
			bad("programs row %d: category mismatch", i+2)
		}
		n, _ := strconv.Atoi(c[:2])
		want := map[int]string{2: "bachelor", 3: "bachelor", 4: "higher", 5: "higher", 6: "secondary", 7: "secondary"}[n/10]
		if r["level"] != want {
			bad("programs row %d: level %s does not fit code %s", i+2, r["level"], c)
		}
		d, err := strconv.Atoi(r["duration_years"])
		if err != nil || d < 2 || d > 5 {
			bad("programs row %d: duration", i+2)
		}
	}
	// program_industry
	unique("program_industry", "program_code", "industry_code")
	wsum := map[string]float64{}
	for i, r := range T["program_industry"] {
		if progLevel[r["program_code"]] == "" || !indOK(r["industry_code"]) {
			bad("program_industry row %d: unknown program or industry", i+2)
		}
		w, err := strconv.ParseFloat(r["weight"], 64)
		if err != nil || w <= 0 || w > 1 {
			bad("program_industry row %d: weight %q", i+2, r["weight"])
		}
		wsum[r["program_code"]] += w
	}
	for c := range progLevel {
		if math.Abs(wsum[c]-1) > 1e-9 {
			bad("program_industry: weights of %s sum to %g", c, wsum[c])
		}
	}
	// program_code_map
	unique("program_code_map", "old_code", "new_code")
	oldSum := map[string]float64{}
	for i, r := range T["program_code_map"] {
		if progLevel[r["old_code"]] != "" {
			bad("program_code_map row %d: old code %s is also a current program", i+2, r["old_code"])
		}
		if progLevel[r["new_code"]] == "" {
			bad("program_code_map row %d: new code %s not in programs", i+2, r["new_code"])
		}
		w := 1.0
		if r["weight"] != "" {
			w, _ = strconv.ParseFloat(r["weight"], 64)
		}
		oldSum[r["old_code"]] += w
	}
	for o, s := range oldSum {
		if math.Abs(s-1) > 1e-9 {
			bad("program_code_map: weights of %s sum to %g", o, s)
		}
	}
	codeOK := func(c string) bool { return progLevel[c] != "" || oldSum[c] > 0 }
	// schools
	unique("schools", "school_code")
	schoolType := map[string]string{}
	for i, r := range T["schools"] {
		if l := regLevel[r["region_code"]]; l != "city" && l != "county" {
			bad("schools row %d: region %s is not a city or county", i+2, r["region_code"])
		}
		switch r["type"] {
		case "secondary", "technician", "higher", "bachelor":
		default:
			bad("schools row %d: bad type", i+2)
		}
		if r["ownership"] != "public" && r["ownership"] != "private" {
			bad("schools row %d: bad ownership", i+2)
		}
		num("schools", i, r, "capacity", true, true)
		schoolType[r["school_code"]] = r["type"]
	}
	// enrollments
	unique("enrollments", "year", "school_code", "program_code")
	for i, r := range T["enrollments"] {
		if schoolType[r["school_code"]] == "" || !codeOK(r["program_code"]) {
			bad("enrollments row %d: unknown school or program", i+2)
		}
		for _, c := range []string{"intake", "enrolled_total"} {
			num("enrollments", i, r, c, false, true)
		}
		for _, c := range []string{"graduates", "planned_intake"} {
			num("enrollments", i, r, c, true, true)
		}
	}
	// outcomes
	unique("outcomes", "grad_year", "school_code", "program_code")
	for i, r := range T["outcomes"] {
		if schoolType[r["school_code"]] == "" || !codeOK(r["program_code"]) {
			bad("outcomes row %d: unknown school or program", i+2)
		}
		g, _ := num("outcomes", i, r, "graduates", false, true)
		e, _ := num("outcomes", i, r, "employed", false, true)
		f, _ := num("outcomes", i, r, "further_study", false, true)
		m, okm := num("outcomes", i, r, "matched", true, true)
		num("outcomes", i, r, "avg_monthly_salary", true, false)
		p, okp := num("outcomes", i, r, "employed_in_province", true, true)
		if e+f > g {
			bad("outcomes row %d: employed + further_study > graduates", i+2)
		}
		if okm && m > e {
			bad("outcomes row %d: matched > employed", i+2)
		}
		if okp && p > e {
			bad("outcomes row %d: employed_in_province > employed", i+2)
		}
	}
	// job_postings
	unique("job_postings", "month", "region_code", "industry_code")
	for i, r := range T["job_postings"] {
		if !monthRe.MatchString(r["month"]) || regLevel[r["region_code"]] == "" || !indOK(r["industry_code"]) {
			bad("job_postings row %d: bad month, region or industry", i+2)
		}
		num("job_postings", i, r, "postings", false, true)
		num("job_postings", i, r, "job_seekers", true, true)
	}
	unique("education_totals", "year", "region_code")
	for i, r := range T["education_totals"] {
		if regLevel[r["region_code"]] == "" {
			bad("education_totals row %d: unknown region", i+2)
		}
		num("education_totals", i, r, "general_upper_secondary_intake", false, true)
	}
	unique("program_lists", "region_code", "program_code", "list")
	for i, r := range T["program_lists"] {
		if regLevel[r["region_code"]] == "" || progLevel[r["program_code"]] == "" || (r["list"] != "control" && r["list"] != "encouraged") {
			bad("program_lists row %d: bad region, program or list", i+2)
		}
	}
	// size budget
	var total int64
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, f := range files {
		st, _ := os.Stat(f)
		total += st.Size()
	}
	if total > 15<<20 {
		bad("CSV total %d bytes exceeds 15 MB", total)
	}
	return errs
}

// checkAgainstReference compares industry names and school codes with the
// reference files when they are present.
func checkAgainstReference(ref string, inds, schools []rec, bad func(string, ...any)) {
	rows, _, err := readCSV(ref, "gbt4754_2017_industry_codes")
	if err != nil {
		fmt.Println("(reference industry file not found; cross-check skipped)")
		return
	}
	name := map[string]string{}
	for _, r := range rows {
		switch r["level"] {
		case "1":
			name[r["section"]] = r["name"]
		case "2":
			name[r["section"]+r["code"]] = r["name"]
		}
	}
	for i, r := range inds {
		if name[r["industry_code"]] != r["name"] {
			bad("industries row %d: %s name %q differs from GB/T 4754-2017 %q", i+2, r["industry_code"], r["name"], name[r["industry_code"]])
		}
	}
	rows, _, err = readCSV(ref, "shanxi_higher_education_institutions_moe2025")
	if err != nil {
		return
	}
	moe := map[string]string{}
	for _, r := range rows {
		moe[r["moeCode"]] = r["name"]
	}
	for i, r := range schools {
		if (r["type"] == "higher" || r["type"] == "bachelor") && moe[r["school_code"]] != r["name"] {
			bad("schools row %d: %s %s not in the MOE 2025 list", i+2, r["school_code"], r["name"])
		}
	}
}

// calibration prints the dataset's figures beside the published ones.
func calibration(dir string) {
	im, _, _ := readCSV(dir, "industry_map")
	emp := map[string][4]float64{}
	va := map[string][4]float64{}
	b06 := map[string]float64{}
	cityVA := map[string]float64{}
	for _, r := range im {
		y := r["year"]
		e, _ := strconv.ParseFloat(r["employment"], 64)
		v, _ := strconv.ParseFloat(r["value_added"], 64)
		if r["region_code"] == provCode {
			s := sectorOf(r["industry_code"][:1])
			a, bb := emp[y], va[y]
			a[s] += e
			a[0] += e
			bb[s] += v
			bb[0] += v
			emp[y], va[y] = a, bb
			if r["industry_code"] == "B06" {
				b06[y] = e
			}
		} else if y == "2021" {
			cityVA[r["region_code"]] += v
		}
	}
	fmt.Println("\n== calibration (dataset vs published) ==")
	e := emp["2023"]
	fmt.Printf("employment 2023: total %.1f万 (published 1,704万); sectors %.1f / %.1f / %.1f万 = %.2f%% / %.2f%% / %.2f%% (published 23.42 / 25.47 / 51.12 %%)\n",
		e[0]/1e4, e[1]/1e4, e[2]/1e4, e[3]/1e4, 100*e[1]/e[0], 100*e[2]/e[0], 100*e[3]/e[0])
	for _, y := range []string{"2021", "2022", "2023"} {
		v := va[y]
		fmt.Printf("GDP %s: %.2f亿 = %.2f / %.2f / %.2f\n", y, v[0], v[1], v[2], v[3])
	}
	fmt.Println("   published: 2021 22,590.16 (1,286.87 / 11,213.13 / 10,090.16); 2022 25,642.59 (5.2/54.0/40.8 %); 2023 25,698.18 (1,388.96 / 13,329.69 / 10,979.64)")
	fmt.Printf("coal B06 employment: 2015 %.2f万 (published 93.93万), 2020 %.2f万, 2023 %.2f万, 2025 %.2f万\n", b06["2015"]/1e4, b06["2020"]/1e4, b06["2023"]/1e4, b06["2025"]/1e4)
	fmt.Println("city GDP 2021 (dataset vs published):")
	for _, c := range cities {
		fmt.Printf("   %s %.1f vs %.1f\n", c.name, cityVA[c.code], c.gdp2021)
	}
	sc, _, _ := readCSV(dir, "schools")
	typ := map[string]string{}
	count := map[string]int{}
	for _, r := range sc {
		typ[r["school_code"]] = r["type"]
		count[r["type"]]++
	}
	fmt.Printf("schools: secondary %d, technician %d (中职 total %d; published 411 in 2021), higher %d, bachelor %d (published 49 higher + 2 bachelor in 2021)\n",
		count["secondary"], count["technician"], count["secondary"]+count["technician"], count["higher"], count["bachelor"])
	pr, _, _ := readCSV(dir, "programs")
	lvl := map[string]string{}
	for _, r := range pr {
		lvl[r["program_code"]] = r["level"]
	}
	cm, _, _ := readCSV(dir, "program_code_map")
	for _, r := range cm {
		if lvl[r["old_code"]] == "" {
			lvl[r["old_code"]] = lvl[r["new_code"]]
		}
	}
	en, _, _ := readCSV(dir, "enrollments")
	type agg struct{ in, tot, gr float64 }
	A := map[string]map[string]*agg{}
	for _, r := range en {
		y, l := r["year"], lvl[r["program_code"]]
		if A[y] == nil {
			A[y] = map[string]*agg{}
		}
		if A[y][l] == nil {
			A[y][l] = &agg{}
		}
		in, _ := strconv.ParseFloat(r["intake"], 64)
		tot, _ := strconv.ParseFloat(r["enrolled_total"], 64)
		A[y][l].in += in
		A[y][l].tot += tot
	}
	et, _, _ := readCSV(dir, "education_totals")
	gen := map[string]float64{}
	for _, r := range et {
		if r["region_code"] == provCode {
			gen[r["year"]], _ = strconv.ParseFloat(r["general_upper_secondary_intake"], 64)
		}
	}
	fmt.Println("year | 中职 intake / enrolled | 高职 intake / enrolled | 本科 intake / enrolled | 本科/高职 intake | voc share of upper-sec intake")
	for y := enrFrom; y <= simTo; y++ {
		ys := strconv.Itoa(y)
		g := func(l string) *agg {
			if a := A[ys][l]; a != nil {
				return a
			}
			return &agg{}
		}
		s, h, bb := g("secondary"), g("higher"), g("bachelor")
		fmt.Printf("%d | %.2f万 / %.2f万 | %.2f万 / %.2f万 | %.3f万 / %.3f万 | %.1f%% | %.1f%%\n", y, s.in/1e4, s.tot/1e4, h.in/1e4, h.tot/1e4, bb.in/1e4, bb.tot/1e4, 100*bb.in/h.in, 100*s.in/(s.in+gen[ys]))
	}
	fmt.Println("   published: 中职 2016 14.5万/43.8万, 2017 14.15万/42.95万, 2021 15.5万/41.82万; 高职 2021 15.1万/35.83万")
	oc, _, _ := readCSV(dir, "outcomes")
	type pa struct{ g, e, f float64 }
	P := map[string]*pa{}
	for _, r := range oc {
		k := r["grad_year"] + " " + lvl[r["program_code"]]
		if P[k] == nil {
			P[k] = &pa{}
		}
		g, _ := strconv.ParseFloat(r["graduates"], 64)
		e, _ := strconv.ParseFloat(r["employed"], 64)
		f, _ := strconv.ParseFloat(r["further_study"], 64)
		P[k].g += g
		P[k].e += e
		P[k].f += f
	}
	fmt.Println("placement (employed+further)/graduates and further-study share:")
	for _, y := range []string{"2016", "2021", "2024", "2025"} {
		for _, l := range []string{"secondary", "higher", "bachelor"} {
			if p := P[y+" "+l]; p != nil {
				fmt.Printf("   %s %-9s placement %.3f further %.3f graduates %.0f\n", y, l, (p.e+p.f)/p.g, p.f/p.g, p.g)
			}
		}
	}
	var total int64
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	sort.Strings(files)
	fmt.Println("files:")
	for _, f := range files {
		st, _ := os.Stat(f)
		raw, _ := os.ReadFile(f)
		fmt.Printf("   %-26s %8d rows %10d bytes\n", filepath.Base(f), bytes.Count(raw, []byte("\n"))-1, st.Size())
		total += st.Size()
	}
	fmt.Printf("   total %d bytes (%.2f MB)\n", total, float64(total)/(1<<20))
}
