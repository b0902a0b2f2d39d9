//go:build duckdb_arrow

package warehouse

import (
	"context"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/vocmap/vocmap/datasets"
)

// check is one rule that spans rows or tables, run as SQL over the staged
// tables. Its query returns the offending row number first, then the
// values that fill the rule's message.
type check struct {
	table   string   // the file the finding is reported against
	columns []string // the contract columns it involves
	needs   []string // staged tables it reads
	rule    string
	warning bool
	query   string
	// guard, when set, counts the offending rows cheaply; the query runs
	// only when the count is not zero.
	guard string
	// inFlight marks a reference to another table, which the fast path
	// checks while it loads the rows (fastSource).
	inFlight bool
	// ref names the table a reference check looks values up in.
	ref string
	// group makes the findings one error per value that is not in ref,
	// across the tables that refer to it (runCross): the query's second
	// column is that value.
	group bool
}

// isMappedCode reports whether column c of table t holds program codes
// that program_code_map may carry to the 2021 catalogue.
func isMappedCode(t *datasets.Table, c datasets.Column) bool {
	return (t.Name == "enrollments" || t.Name == "outcomes") && c.Name == "program_code"
}

// checkColumns checks every cell of a staged table against its column's
// kind, bounds and allowed values, in one scan. A finding of a value's
// form (groupedRule: a misspelt allowed value, a malformed code) is one
// error per column and value, at its first row, counting the other rows
// that repeat it: one cause, one error. Other findings are one per row.
func (s *stager) checkColumns(ctx context.Context, t *datasets.Table) error {
	var checks []rowCheck
	for ci, c := range t.Columns {
		for _, rc := range rowChecks(c, QuoteIdent(c.Name), false) {
			rc.ci = ci
			checks = append(checks, rc)
		}
	}
	if len(checks) == 0 {
		return nil
	}
	conds := make([]string, len(checks))
	flags := make([]string, len(checks))
	vals := make([]string, len(checks))
	var grouped []string
	for i, ck := range checks {
		conds[i] = "coalesce(" + ck.cond + ", false)"
		flags[i] = fmt.Sprintf("CASE WHEN %s THEN %d END", conds[i], i)
		vals[i] = fmt.Sprintf("WHEN %d THEN %s", i, QuoteIdent(t.Columns[ck.ci].Name))
		if groupedRule(ck.rule) {
			grouped = append(grouped, strconv.Itoa(i))
		}
	}
	by := "_row"
	if len(grouped) > 0 {
		by = fmt.Sprintf("CASE WHEN ck IN (%s) THEN -1 ELSE _row END", strings.Join(grouped, ", "))
	}
	q := checkSQL("025_cell_rules.sql", stgName, struct {
		Table, Vals, Flags, Columns, Conds, By string
		Limit                                  int
	}{t.Name, strings.Join(vals, " "), strings.Join(flags, ", "), quoteIdents(columnNames(t)), strings.Join(conds, " OR "), by,
		s.opts.maxErrors() + 1})
	rows, err := s.conn.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("warehouse: check %s: %w", t.Name, err)
	}
	defer rows.Close()
	file := s.files[t.Name].File
	var total, listed int64
	var regionErrs []regionErr
	for rows.Next() {
		var row, ck, n int64
		var v *string
		if err := rows.Scan(&row, &ck, &v, &n, &total); err != nil {
			return err
		}
		c := t.Columns[checks[ck].ci]
		val := ""
		if v != nil {
			val = shorten(*v)
		}
		rule := checks[ck].rule
		e := &datasets.RowError{File: file, Row: int(row), Column: s.colName(t.Name, c.Name), Rule: rule, Same: n - 1}
		switch rule {
		case "required":
		case "min", "min_open":
			e.Args = []any{c.Min, val}
		case "max":
			e.Args = []any{c.Max, val}
		case "ceiling":
			e.Args = []any{groupDigits(c.Ceiling), val}
		case "enum":
			e.Args = []any{val, c.EnumAllowed(datasets.English), c.EnumAllowed(datasets.Chinese)}
			if t.Name == "regions" && c.Name == "level" && v != nil {
				s.levelErrs[*v] = e
			}
		case "region_code":
			e.Args = []any{val}
			regionErrs = append(regionErrs, regionErr{e, c.Name})
		default:
			e.Args = []any{val}
		}
		s.fail(e)
		listed++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if total > listed {
		s.more += int(total - listed)
	}
	return s.regionHints(ctx, t, regionErrs)
}

// groupedRule reports whether a cell rule is about a value's form, whose
// findings are grouped by value (checkColumns).
func groupedRule(rule string) bool {
	switch rule {
	case "enum", "region_code", "code6", "code2", "industry_code", "month", "date":
		return true
	}
	return false
}

// regionHints adds a hint to the region_code errors of table t: a region
// code of 1 to 5 digits is probably a code whose trailing zeros were left
// off (6201 for 620100), never one whose leading zeros were (GB/T 2260
// codes never start with 0). Where the code padded on the right exists in
// regions, the error asks "did you mean" it. In regions itself the padded
// code, when no other row holds it, is the code the row meant: the rows
// elsewhere that refer to it wait for this one (runCross counts them as
// its dependents).
func (s *stager) regionHints(ctx context.Context, t *datasets.Table, errs []regionErr) error {
	if len(errs) == 0 || !s.staged["regions"] || s.partial["regions"] {
		return nil
	}
	if s.regionCodes == nil {
		codes, err := s.strings(ctx, checkSQL("026_region_codes.sql", stgName, nil))
		if err != nil {
			return err
		}
		s.regionCodes = map[string]bool{}
		for _, c := range codes {
			s.regionCodes[c] = true
		}
	}
	for _, re := range errs {
		e := re.err
		p, ok := padRight(fmt.Sprint(e.Args[0]))
		if !ok {
			continue
		}
		switch {
		case s.regionCodes[p]:
			e.Rule, e.Args = "region_code_hint", []any{e.Args[0], p}
		case t.Name == "regions" && re.column == "region_code" && s.regionFix[p] == nil:
			s.regionFix[p] = e
		}
	}
	return nil
}

// regionErr is a region_code error and the contract column it is about.
type regionErr struct {
	err    *datasets.RowError
	column string
}

// padRight pads a code of 1 to 5 digits that does not start with 0 on the
// right with zeros to 6 digits.
func padRight(v string) (string, bool) {
	if len(v) < 1 || len(v) > 5 || v[0] == '0' {
		return "", false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return v + strings.Repeat("0", 6-len(v)), true
}

func columnNames(t *datasets.Table) []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

func toInt(v any) int {
	switch x := v.(type) {
	case int32:
		return int(x)
	case int64:
		return int(x)
	case int:
		return x
	}
	return -1
}

// rowCheck is one rule about one cell.
type rowCheck struct {
	ci   int    // the column's index in its table
	rule string // the rule code of the message
	cond string // SQL that is true when the cell breaks the rule
}

// rowChecks lists the rules of column c as SQL conditions on the
// expression v: the cleaned text of the cell, or, when typed, its value
// read by DuckDB as DOUBLE for numbers (and as text for the rest).
func rowChecks(c datasets.Column, v string, typed bool) []rowCheck {
	var out []rowCheck
	add := func(rule, cond string) { out = append(out, rowCheck{rule: rule, cond: cond}) }
	if !c.Nullable {
		add("required", v+" IS NULL")
	}
	numeric := c.Kind == datasets.Int || c.Kind == datasets.Number
	switch {
	case typed && c.Kind == datasets.Int:
		add("int", fmt.Sprintf("(NOT isfinite(%[1]s) OR %[1]s <> floor(%[1]s))", v))
	case typed && c.Kind == datasets.Number:
		add("number", fmt.Sprintf("NOT isfinite(%s)", v))
	case c.Kind == datasets.Int:
		// an integer is a number whose value is whole (12, 12.0, 1.2e3);
		// GLOB lets plain digits skip the (slower) regular expression
		add("int", fmt.Sprintf(`(%[1]s GLOB '*[!0-9]*' AND NOT regexp_full_match(%[1]s, '%[2]s'))
			OR TRY_CAST(%[1]s AS DOUBLE) <> floor(TRY_CAST(%[1]s AS DOUBLE))`, v, reNumber))
	case c.Kind == datasets.Number:
		add("number", fmt.Sprintf("%[1]s GLOB '*[!0-9]*' AND NOT regexp_full_match(%[1]s, '%[2]s')", v, reNumber))
	case c.Kind == datasets.Code6:
		add("code6", fmt.Sprintf("NOT (length(%[1]s) = 6 AND NOT %[1]s GLOB '*[!0-9]*')", v))
	case c.Kind == datasets.Region:
		add("region_code", fmt.Sprintf("NOT regexp_full_match(%s, '%s')", v, reRegion))
	case c.Kind == datasets.Code2:
		add("code2", fmt.Sprintf("NOT regexp_full_match(%s, '%s')", v, reCode2))
	case c.Kind == datasets.Month:
		add("month", fmt.Sprintf("NOT regexp_full_match(%s, '%s')", v, reMonth))
	case c.Kind == datasets.Date:
		add("date", fmt.Sprintf("(NOT regexp_full_match(%[1]s, '%[2]s') OR TRY_CAST(%[1]s AS DATE) IS NULL)", v, reDate))
	case c.Kind == datasets.Industry:
		add("industry_code", fmt.Sprintf("%s NOT IN (%s)", v, industryList()))
	case c.Kind == datasets.Enum:
		add("enum", fmt.Sprintf("%s NOT IN (%s)", v, quoteList(c.Enum)))
	}
	if numeric {
		// a text value that is not a number fails its format check; TRY_CAST
		// (more lenient than the format) keeps it out of the bounds checks
		num := fmt.Sprintf("TRY_CAST(%s AS DOUBLE)", v)
		if typed {
			num = v // a typed value that is not finite fails int or number
		} else {
			// a value of the number's form that a double cannot hold (1e309,
			// a 400-digit number) reads as ±Inf: an error of its own, and
			// of no bound
			add("finite", fmt.Sprintf("NOT isfinite(%[1]s) AND (NOT %[2]s GLOB '*[!0-9]*' OR regexp_full_match(%[2]s, '%[3]s'))",
				num, v, reNumber))
		}
		fin := "isfinite(" + num + ") AND "
		if c.HasMin && c.MinOpen {
			add("min_open", fmt.Sprintf("%s%s <= %s", fin, num, sqlFloat(c.Min)))
		} else if c.HasMin {
			add("min", fmt.Sprintf("%s%s < %s", fin, num, sqlFloat(c.Min)))
		}
		if c.HasMax {
			add("max", fmt.Sprintf("%s%s > %s", fin, num, sqlFloat(c.Max)))
		}
		if c.Ceiling > 0 {
			add("ceiling", fmt.Sprintf("%s%s >= %s", fin, num, sqlFloat(c.Ceiling)))
		}
	}
	return out
}

// sqlFloat writes a bound as a SQL number literal.
func sqlFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// groupDigits writes a whole number with thousands separators
// (1000000000 -> 1,000,000,000), for messages.
func groupDigits(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	int_, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(int_, "-")
	int_ = strings.TrimPrefix(int_, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range int_ {
		if i > 0 && (len(int_)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// shorten cuts a cell's text that is too long to quote in a message (a
// number of 400 digits) to its first 32 characters and an ellipsis.
func shorten(s string) string {
	const keep = 32
	if utf8.RuneCountInString(s) <= keep+8 {
		return s
	}
	n := 0
	for i := range s {
		if n == keep {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// colName returns a column as the file's header spells it.
func (s *stager) colName(table, col string) string {
	if h, ok := s.header[table][col]; ok && h != "" {
		return h
	}
	return col
}

// crossChecks lists the rules across rows and tables, as queries over
// the relations that rel names for each table: the staged text rows, or
// the rows just loaded.
func crossChecks(rel func(table string) string) []check {
	var cs []check
	for _, t := range datasets.Contract {
		// keys: a cheap GROUP BY finds whether any key repeats; only then
		// does the window query locate the rows
		if len(t.Key) > 0 {
			ks := make([]string, len(t.Key))
			vals := make([]string, len(t.Key))
			for i, k := range t.Key {
				ks[i] = QuoteIdent(k)
				if c, _ := t.Column(k); c.Kind == datasets.Int || c.Kind == datasets.Number {
					ks[i] = "TRY_CAST(" + ks[i] + " AS DOUBLE)"
				}
				vals[i] = "coalesce(CAST(" + QuoteIdent(k) + " AS VARCHAR), '')"
			}
			key := struct{ Table, Keys, KeyNames, Values, KeyColumns string }{
				t.Name, strings.Join(ks, ", "), strings.Join(t.Key, ","), strings.Join(vals, ", "), quoteIdents(t.Key)}
			cs = append(cs, check{table: t.Name, columns: t.Key[:1], needs: []string{t.Name}, rule: "duplicate_key",
				guard: checkSQL("001_duplicate_key_guard.sql", rel, key),
				query: checkSQL("002_duplicate_key.sql", rel, key)})
		}
		// references
		for _, c := range t.Columns {
			if c.Ref == "" {
				continue
			}
			ref := datasets.Lookup(c.Ref)
			v := QuoteIdent(c.Name)
			cond := fmt.Sprintf("NOT EXISTS (SELECT 1 FROM %s r WHERE r.%s = s.%s)", rel(ref.Name), QuoteIdent(ref.Key[0]), v)
			if f := formatCond(c, "s."+v); f != "" {
				cond += " AND " + f
			}
			data := struct{ Table, Column, Ref, Cond string }{t.Name, c.Name, ref.Name, cond}
			needs := []string{t.Name, ref.Name}
			inFlight := ref.Name != t.Name
			if isMappedCode(t, c) {
				// an old catalogue code is carried through program_code_map
				cs = append(cs, check{table: t.Name, columns: []string{c.Name}, needs: append(needs, "program_code_map"), rule: "ref",
					inFlight: inFlight, ref: ref.Name, group: true, query: checkSQL("003_ref_mapped.sql", rel, data)})
				needs = append(needs, "!program_code_map") // the plain check below runs only without a map
			}
			cs = append(cs, check{table: t.Name, columns: []string{c.Name}, needs: needs, rule: "ref", inFlight: inFlight, ref: ref.Name,
				group: true, query: checkSQL("004_ref.sql", rel, data)})
		}
	}
	// The rules below (checks/005_…–024_…) read numbers as DOUBLE through
	// num, which reads a value that is not finite as NULL, so that it is
	// reported once (by its cell's "finite" rule) and not again by every
	// rule it enters. The rules on a region's level leave out the regions
	// whose level is not an allowed value (.Levels): that is one error on
	// regions.csv, whose dependents levelDependents counts.
	data := struct{ Levels, RegionPattern string }{quoteList(levelEnum()), reRegion}
	q := func(file string) string { return checkSQL(file, rel, data) }
	cs = append(cs,
		check{table: "regions", columns: []string{"level"}, needs: []string{"regions"}, rule: "province_count", query: q("005_province_count.sql")},
		check{table: "regions", columns: []string{"parent_code"}, needs: []string{"regions"}, rule: "parent_empty", query: q("006_parent_empty.sql")},
		check{table: "regions", columns: []string{"parent_code"}, needs: []string{"regions"}, rule: "parent_required", query: q("007_parent_required.sql")},
		check{table: "regions", columns: []string{"parent_code"}, needs: []string{"regions"}, rule: "parent_missing", ref: "regions", group: true,
			query: q("008_parent_missing.sql")},
		check{table: "regions", columns: []string{"parent_code"}, needs: []string{"regions"}, rule: "parent_level", query: q("009_parent_level.sql")},
		check{table: "industries", columns: []string{"parent_code"}, needs: []string{"industries"}, rule: "industry_parent",
			query: q("010_industry_parent.sql")},
		check{table: "industry_map", columns: []string{"region_code"}, needs: []string{"industry_map", "regions"}, rule: "map_region_level",
			query: q("011_map_region_level.sql")},
		check{table: "industry_map", columns: []string{"industry_code"}, needs: []string{"industry_map"}, rule: "section_division",
			query: q("012_section_division.sql")},
		check{table: "industry_map", columns: []string{"employment"}, needs: []string{"industry_map", "regions"}, rule: "province_city_diff",
			warning: true, query: q("013_province_city_diff.sql")},
		check{table: "schools", columns: []string{"region_code"}, needs: []string{"schools", "regions"}, rule: "school_region",
			query: q("014_school_region.sql")},
		check{table: "program_industry", columns: []string{"weight"}, needs: []string{"program_industry"}, rule: "weight_sum",
			query: q("015_weight_sum.sql")},
		check{table: "program_industry", columns: []string{"weight"}, needs: []string{"program_industry"}, rule: "weight_sum_warn", warning: true,
			query: q("016_weight_sum_warn.sql")},
		check{table: "programs", columns: []string{"program_code"}, needs: []string{"programs", "program_industry"}, rule: "no_crosswalk", warning: true,
			query: q("017_no_crosswalk.sql")},
		check{table: "outcomes", columns: []string{"employed", "further_study", "graduates"}, needs: []string{"outcomes"}, rule: "outcome_sum",
			query: q("018_outcome_sum.sql")},
		check{table: "outcomes", columns: []string{"matched", "employed"}, needs: []string{"outcomes"}, rule: "matched_employed",
			query: q("019_matched_employed.sql")},
		check{table: "outcomes", columns: []string{"employed_in_province", "employed"}, needs: []string{"outcomes"}, rule: "inprov_employed",
			query: q("020_inprov_employed.sql")},
		check{table: "program_code_map", columns: []string{"weight"}, needs: []string{"program_code_map"}, rule: "old_weight_sum",
			query: q("021_old_weight_sum.sql")},
		check{table: "program_code_map", columns: []string{"old_code"}, needs: []string{"program_code_map", "programs"}, rule: "old_code_current",
			warning: true, query: q("022_old_code_current.sql")},
		check{table: "overrides", columns: []string{"school_code"}, needs: []string{"overrides"}, rule: "school_scope", query: q("023_school_scope.sql")},
		check{table: "overrides", columns: []string{"school_code"}, needs: []string{"overrides"}, rule: "school_scope_need",
			query: q("024_school_scope_need.sql")},
	)
	return cs
}

//go:embed checks/*.sql
var checkFS embed.FS

// checkSQL expands the check template checks/name (a SQL template:
// sqltext.go) on data, with rel naming each table's relation on this
// load path and num reading a column as a finite DOUBLE or NULL.
func checkSQL(name string, rel func(table string) string, data any) string {
	b, err := checkFS.ReadFile("checks/" + name)
	if err != nil {
		panic(err) // the files are embedded: a missing one is a build error (TestCheckFiles)
	}
	q, err := ExpandSQL("checks/"+name, string(b), data, template.FuncMap{"rel": rel, "num": finiteNumber})
	if err != nil {
		panic(err) // the templates are embedded: TestCheckFiles expands every one
	}
	return q
}

// finiteNumber reads column c as a DOUBLE, NULL where it is not a finite
// number.
func finiteNumber(c string) string {
	v := "TRY_CAST(" + QuoteIdent(c) + " AS DOUBLE)"
	return "CASE WHEN isfinite(" + v + ") THEN " + v + " END"
}

// formatCond is the SQL condition that a value has its column's form, so
// that a malformed value is reported once (by its format) and not again
// as a dangling reference.
func formatCond(c datasets.Column, v string) string {
	switch c.Kind {
	case datasets.Code6:
		return fmt.Sprintf("regexp_full_match(%s, '%s')", v, reCode6)
	case datasets.Region:
		return fmt.Sprintf("regexp_full_match(%s, '%s')", v, reRegion)
	case datasets.Industry:
		return fmt.Sprintf("%s IN (%s)", v, industryList())
	}
	return ""
}

// runCross runs the cross checks whose tables were staged.
//
// A referenced table that has a header and no rows is one error, the root
// cause, rather than one error per row that looks a value up in it: those
// rows, and the rules about the empty table's own rows, are not checked.
func (s *stager) runCross(ctx context.Context) error {
	empty, err := s.reportEmpty(ctx)
	if err != nil {
		return err
	}
	if err := s.levelDependents(ctx); err != nil {
		return err
	}
	groups := &refGroups{at: map[refKey]*refGroup{}}
	for _, c := range crossChecks(stgName) {
		if !s.ready(c.needs) || empty[c.ref] || empty[c.table] {
			continue
		}
		start := time.Now()
		var err error
		if c.group {
			err = s.runGrouped(ctx, c, groups)
		} else {
			err = s.runCheck(ctx, c)
		}
		if err != nil {
			return err
		}
		s.opts.logger().Debug("cross check", "rule", c.rule, "table", c.table, "seconds", time.Since(start).Seconds())
	}
	s.reportGroups(groups)
	return nil
}

// levelUsers are the columns whose rules read the level of the region
// they name (parent_level, map_region_level, school_region).
var levelUsers = []codeRef{{"regions", "parent_code"}, {"industry_map", "region_code"}, {"schools", "region_code"}}

// levelDependents counts, for each value of regions.level that is not an
// allowed value (one error: checkColumns groups it), the rows whose rules
// read the level of a region that has it, and makes the error their root
// cause: those rules leave such regions out.
func (s *stager) levelDependents(ctx context.Context) error {
	if len(s.levelErrs) == 0 || s.partial["regions"] {
		return nil
	}
	for _, u := range levelUsers {
		if !s.staged[u.table] || s.partial[u.table] {
			continue
		}
		q := checkSQL("027_level_dependents.sql", stgName, struct{ Table, Column, Levels string }{u.table, u.column, quoteList(levelEnum())})
		rows, err := s.conn.QueryContext(ctx, q)
		if err != nil {
			return fmt.Errorf("warehouse: count the rows that depend on regions' levels: %w", err)
		}
		for rows.Next() {
			var level string
			var n int64
			if err := rows.Scan(&level, &n); err != nil {
				rows.Close()
				return err
			}
			if e := s.levelErrs[level]; e != nil {
				e.Dependents += n
				e.DependentsIn = joinCount(e.DependentsIn, u.table, n)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func levelEnum() []string {
	c, _ := datasets.Lookup("regions").Column("level")
	return c.Enum
}

// refKey names one value missing from a table: one cause.
type refKey struct{ ref, value string }

// refGroup gathers the rows of every table that refer to one missing
// value: the first is the error listed, the others are counted by table.
type refGroup struct {
	first  *datasets.RowError
	tables []string // in the order found (contract order)
	rows   map[string]int64
}

type refGroups struct {
	at    map[refKey]*refGroup
	order []refKey
}

// runGrouped runs a grouped check (check.group): one row per missing
// value and table, at the value's first row, with the number of rows.
func (s *stager) runGrouped(ctx context.Context, c check, groups *refGroups) error {
	q := checkSQL("029_check_columns.sql", stgName, struct{ Query string }{c.query})
	rows, err := s.conn.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("warehouse: check %s on %s: %w", c.rule, c.table, err)
	}
	cols, err := rows.Columns()
	rows.Close()
	if err != nil {
		return err
	}
	// the query's columns: the row, the value, then the message's other
	// arguments, taken from the value's first row
	names := make([]string, len(cols))
	sel := []string{"min(c0)", "c1"}
	for i := range cols {
		names[i] = fmt.Sprintf("c%d", i)
		if i > 1 {
			sel = append(sel, fmt.Sprintf("arg_min(c%d, c0)", i))
		}
	}
	sel = append(sel, "count(*)")
	q = checkSQL("030_check_grouped.sql", stgName, struct {
		Select, Query, Names string
		Limit                int
	}{strings.Join(sel, ", "), c.query, strings.Join(names, ", "), s.opts.maxErrors() + 1})
	rows, err = s.conn.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("warehouse: check %s on %s: %w", c.rule, c.table, err)
	}
	defer rows.Close()
	colNames := make([]string, len(c.columns))
	for i, col := range c.columns {
		colNames[i] = s.colName(c.table, col)
	}
	for rows.Next() {
		vals := make([]any, len(cols)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row, _ := vals[0].(int64)
		n, _ := vals[len(vals)-1].(int64)
		args := make([]any, 0, len(vals)-2)
		for _, v := range vals[1 : len(vals)-1] {
			if v == nil {
				v = ""
			}
			args = append(args, v)
		}
		k := refKey{c.ref, fmt.Sprint(args[0])}
		g := groups.at[k]
		if g == nil {
			g = &refGroup{rows: map[string]int64{},
				first: &datasets.RowError{File: s.files[c.table].File, Row: int(row), Column: strings.Join(colNames, ", "), Rule: c.rule, Args: args}}
			groups.at[k] = g
			groups.order = append(groups.order, k)
		}
		if g.rows[c.table] == 0 {
			g.tables = append(g.tables, c.table)
		}
		g.rows[c.table] += n
	}
	return rows.Err()
}

// reportGroups lists one error per missing value, at its first row, with
// the count of the other rows that refer to it. A region code that a row
// of regions.csv wrote short (1401 for 140100: regionHints) is the cause
// of the references to the code it meant: they are counted as that row's
// dependents instead.
func (s *stager) reportGroups(groups *refGroups) {
	for _, k := range groups.order {
		g := groups.at[k]
		if root := s.regionFix[k.value]; root != nil && k.ref == "regions" {
			p := k.value
			root.Rule, root.Args = "region_code_hint", []any{root.Args[0], p}
			for _, t := range g.tables {
				root.Dependents += g.rows[t]
				root.DependentsIn = joinCount(root.DependentsIn, t, g.rows[t])
			}
			continue
		}
		e := g.first
		var total int64
		for _, t := range g.tables {
			total += g.rows[t]
		}
		e.Same = total - 1
		if len(g.tables) > 1 {
			g.rows[g.tables[0]]-- // the row listed
			for _, t := range g.tables {
				if g.rows[t] > 0 {
					e.SameIn = joinCount(e.SameIn, t, g.rows[t])
				}
			}
		}
		s.fail(e)
	}
}

// joinCount appends "table n" to a list of counts by table.
func joinCount(list, table string, n int64) string {
	if list != "" {
		list += ", "
	}
	return list + fmt.Sprintf("%s %d", table, n)
}

// reportEmpty finds the staged tables that have a header and no rows but
// are referenced by rows of other tables (regions.csv with its header
// alone under a full schools.csv), and reports each as one root-cause
// error on its file that counts the rows depending on it. It returns the
// tables it reported.
func (s *stager) reportEmpty(ctx context.Context) (map[string]bool, error) {
	reported := map[string]bool{}
	for _, ref := range datasets.Contract {
		f := s.files[ref.Name]
		if !s.staged[ref.Name] || s.partial[ref.Name] || f.Rows != 0 {
			continue
		}
		var total int64
		var parts []string
		for _, t := range datasets.Contract {
			if t == ref || !s.staged[t.Name] {
				continue
			}
			var conds []string
			for _, c := range t.Columns {
				if c.Ref == ref.Name {
					conds = append(conds, QuoteIdent(c.Name)+" IS NOT NULL")
				}
			}
			if len(conds) == 0 {
				continue
			}
			var n int64
			q := checkSQL("028_empty_dependents.sql", stgName, struct{ Table, Cond string }{t.Name, strings.Join(conds, " OR ")})
			if err := s.conn.QueryRowContext(ctx, q).Scan(&n); err != nil {
				return nil, fmt.Errorf("warehouse: count the rows that depend on %s: %w", ref.Name, err)
			}
			if n > 0 {
				total += n
				parts = append(parts, fmt.Sprintf("%s %d", t.Name, n))
			}
		}
		if total == 0 {
			continue // nothing depends on it: the table's own rules speak
		}
		s.failRoot(&datasets.RowError{File: f.File, Rule: "empty_table", Args: []any{total, strings.Join(parts, ", ")}})
		reported[ref.Name] = true
	}
	return reported, nil
}

// rootRules are the rules of root causes: a problem of a whole table that
// stops the rows of other tables from being checked. They are listed
// first, and always (failRoot).
var rootRules = map[string]bool{"missing_table": true, "ambiguous_table": true, "empty_table": true}

// isRoot reports whether e is a root cause: a rule of rootRules, or a
// row that other rows depend on.
func isRoot(e *datasets.RowError) bool { return rootRules[e.Rule] || e.Dependents > 0 }

// failRoot records a root-cause error ahead of the others, so that it is
// listed even when the list is full: the last error listed makes room.
func (s *stager) failRoot(e *datasets.RowError) {
	s.errs = append([]*datasets.RowError{e}, s.errs...)
	if len(s.errs) > s.opts.maxErrors() {
		s.errs = s.errs[:len(s.errs)-1]
		s.more++
	}
}

func (s *stager) ready(needs []string) bool {
	for i, n := range needs {
		if i > 0 && s.partial[n] {
			return false
		}
		if strings.HasPrefix(n, "!") {
			if s.staged[n[1:]] {
				return false
			}
			continue
		}
		if !s.staged[n] {
			return false
		}
	}
	return true
}

func (s *stager) runCheck(ctx context.Context, c check) error {
	if c.guard != "" {
		var n int64
		if err := s.conn.QueryRowContext(ctx, c.guard).Scan(&n); err != nil {
			return fmt.Errorf("warehouse: check %s on %s: %w", c.rule, c.table, err)
		}
		if n == 0 {
			return nil
		}
	}
	q := checkSQL("031_check_rows.sql", stgName, struct {
		Query string
		Limit int
	}{c.query, s.opts.maxErrors() + 1})
	rows, err := s.conn.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("warehouse: check %s on %s: %w", c.rule, c.table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	names := make([]string, len(c.columns))
	for i, col := range c.columns {
		names[i] = s.colName(c.table, col)
	}
	file := s.files[c.table].File
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row, _ := vals[0].(int64)
		args := make([]any, 0, len(vals)-1)
		for _, v := range vals[1:] {
			if v == nil {
				v = ""
			}
			args = append(args, v)
		}
		e := &datasets.RowError{File: file, Row: int(row), Column: strings.Join(names, ", "), Rule: c.rule, Args: args}
		if c.warning {
			s.warn(e)
		} else {
			s.fail(e)
		}
	}
	return rows.Err()
}

func quoteIdents(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = QuoteIdent(s)
	}
	return strings.Join(out, ", ")
}

func quoteList(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = QuoteString(s)
	}
	return strings.Join(out, ", ")
}

func industryList() string {
	codes := datasets.IndustryCodes()
	ss := make([]string, len(codes))
	for i, c := range codes {
		ss[i] = c.Code
	}
	return quoteList(ss)
}
