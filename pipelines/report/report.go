//go:build duckdb_arrow

package report

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

//go:embed sql/*.sql
var sqlFS embed.FS

func stmt(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name)
	if err != nil {
		panic(err) // embedded: a missing file is a build error
	}
	return string(b)
}

// Report is one report, ready to render as HTML, Markdown and XLSX.
type Report struct {
	// Name is the file name without extension, e.g. "industry_structure".
	Name     string
	Title    string
	Subtitle string
	Lang     string
	Sections []Section
}

// Section is a heading with text, charts (SVG) and tables.
type Section struct {
	// Part is the part of the report the section belongs to, in the order
	// of a provincial document: PartSummary (一页纸摘要), PartBasic
	// (基本情况), PartProblems (主要问题), PartMeasures (对策建议) and
	// PartColophon (编制说明, where file names, run ids and methods go).
	// Sections are numbered within their part when rendered.
	Part       string
	Heading    string
	Paragraphs []string
	// Items is a numbered list after the paragraphs (the summary's
	// findings and decisions).
	Items []string
	// Decisions is a second numbered list, under the heading
	// "提请决策的事项" (the summary's decisions asked for).
	Decisions []string
	// Missing says, in place, which optional input the section lacks.
	Missing string
	Charts  []string
	Tables  []Table
}

// Table is a table of a report; every table is also a sheet of the
// report's workbook.
type Table struct {
	Sheet   string // sheet name (≤ 31 characters)
	Title   string
	Columns []string
	Rows    [][]any // string, float64 (NaN: empty), int64
	// Formats per column: "pct" (a fraction shown as %), "int", "num"
	// (2 decimals), "ratio" (a supply–demand ratio, cut, not rounded, to
	// 2 decimals so that it never shows across a band threshold: 0.5973
	// is 0.59, in the band below 0.60), "" (as is).
	Formats []string
	// Limit is the number of rows shown in HTML and Markdown: 0 is
	// maxHTMLRows, -1 all of them. The workbook has every row. Tables over
	// years list the latest year first, so a cut drops the oldest years.
	Limit int
	// WorkbookOnly tables are sheets of the workbook, not shown in HTML
	// or Markdown (the yearly detail behind a table that is).
	WorkbookOnly bool
}

// Parts of a report, in order.
const (
	PartSummary  = "summary"
	PartBasic    = "basic"
	PartProblems = "problems"
	PartMeasures = "measures"
	PartColophon = "colophon"
)

// Options configures Build.
type Options struct {
	Period string
	// Scenario renders a scenario's run of the period ("" the baseline).
	Scenario string
	Lang     string
	// Out is the folder the reports go to (created).
	Out string
}

// Result lists the files Build wrote.
type Result struct {
	RunID string
	Files []string
}

// Build writes the period's reports from its latest run: the
// industry-structure report (产业结构动态调整报告), the talent-demand
// forecast report (行业人才需求预测报告) and the policy-targets page, each
// as self-contained HTML, Markdown and an XLSX workbook of its tables.
func Build(ctx context.Context, w *warehouse.Warehouse, opts Options) (*Result, error) {
	id, err := job.LatestRunOf(ctx, w, opts.Period, opts.Scenario)
	if err != nil {
		return nil, err
	}
	if opts.Lang != "en" {
		opts.Lang = "zh"
	}
	d := &data{ctx: ctx, w: w, db: w.DB, run: id, t: texts(opts.Lang), lang: opts.Lang}
	if err := d.meta(); err != nil {
		return nil, err
	}
	d.scenario = opts.Scenario
	reports := []func() (*Report, error){d.structureReport, d.demandReport, d.targetsReport}
	if err := export.MkdirAll(opts.Out); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	res := &Result{RunID: id}
	for _, build := range reports {
		r, err := build()
		if err != nil {
			return nil, err
		}
		files, err := r.WriteAll(opts.Out)
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, files...)
	}
	return res, nil
}

// WriteAll writes the report as NAME.html, NAME.md and NAME.xlsx in dir.
func (r *Report) WriteAll(dir string) ([]string, error) {
	var files []string
	for _, f := range []struct {
		ext   string
		write func(string) error
	}{{".html", r.writeHTML}, {".md", r.writeMarkdown}, {".xlsx", r.writeXLSX}} {
		p := filepath.Join(dir, r.Name+f.ext)
		if err := f.write(p); err != nil {
			return nil, fmt.Errorf("report: write %s: %w", p, err)
		}
		files = append(files, p)
	}
	return files, nil
}

// data reads the run's results for the reports.
type data struct {
	ctx      context.Context
	w        *warehouse.Warehouse
	db       *sql.DB
	run      string
	t        map[string]string
	lang     string
	period   string
	province string
	provName string
	baseYear int64
	horizon  int64
	finished string
	snapshot int64
	scenario string
	// dataAsOf is the last year of the run's data; loaded the day its
	// snapshot was ingested.
	dataAsOf int64
	loaded   string
	// list is the run's warning list (entries), read once.
	list []entry
	// bands are the run's band thresholds (match.Thresholds).
	bands match.Thresholds
	// demandMethod is the run's demand method.
	demandMethod string
	// yoyEmp is the mapped industries' employment in the last two data
	// years (yoySection).
	yoyEmp [2]float64
}

// subtitle names the period, how recent the data are and the date (and
// the scenario); the run and snapshot are in the colophon.
func (d *data) subtitle() string {
	s := d.tr("subtitle", d.period, d.dataAsOf, d.finished)
	if d.scenario != "" {
		s = d.tr("subtitle_scenario", d.scenario) + s
	}
	return s
}

// title is a report's title: the province's name in Chinese, and in
// English "Shanxi Province: …" with the Chinese name and code kept once,
// in the subtitle.
func (d *data) title(key string) string {
	if d.lang == "en" {
		return d.tr(key, provinceEnglish(d.province, d.provName))
	}
	return d.tr(key, d.provName)
}

// colophon is the last part: the run, the snapshot, the files and the
// methods (developer references stay out of the body).
func (d *data) colophon(name string, extra ...string) Section {
	s := Section{Part: PartColophon, Paragraphs: []string{
		d.tr("colophon_run", d.period, d.run, d.snapshot, d.loaded, d.dataAsOf, d.finished),
		d.tr("html_note", name),
	}}
	s.Paragraphs = append(s.Paragraphs, extra...)
	s.Paragraphs = append(s.Paragraphs, d.tr("colophon_methods"))
	return s
}

func (d *data) meta() error {
	err := d.db.QueryRowContext(d.ctx, `SELECT period, snapshot_id, base_year, horizon, strftime(finished_at, '%Y-%m-%d')
		FROM meta.runs WHERE run_id = ?`, d.run).Scan(&d.period, &d.snapshot, &d.baseYear, &d.horizon, &d.finished)
	if err != nil {
		return fmt.Errorf("report: run %s: %w", d.run, err)
	}
	var opts string
	if err := d.db.QueryRowContext(d.ctx, `SELECT coalesce(CAST(options AS VARCHAR), '{}') FROM meta.runs WHERE run_id = ?`, d.run).Scan(&opts); err != nil {
		return fmt.Errorf("report: run %s: %w", d.run, err)
	}
	var o struct {
		DemandMethod string           `json:"demand_method"`
		Thresholds   match.Thresholds `json:"thresholds"`
	}
	_ = json.Unmarshal([]byte(opts), &o) // an older run's options: the defaults
	d.bands, d.demandMethod = o.Thresholds, o.DemandMethod
	if d.bands == (match.Thresholds{}) {
		d.bands = match.DefaultThresholds()
	}
	asOf, loaded, err := job.DataAsOf(d.ctx, d.db, d.snapshot)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	d.dataAsOf, d.loaded = int64(asOf), loaded.Format("2006-01-02")
	err = d.db.QueryRowContext(d.ctx, `SELECT region_code, name FROM regions WHERE level = 'province' ORDER BY region_code LIMIT 1`).Scan(&d.province, &d.provName)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("report: the data has no province")
	}
	return err
}

// tr returns the text of key, formatted with args.
func (d *data) tr(key string, args ...any) string {
	s, ok := d.t[key]
	if !ok {
		s = key
	}
	if len(args) > 0 {
		for i, a := range args {
			if n, ok := a.(int); ok {
				args[i] = grouped(n)
			}
		}
		return fmt.Sprintf(s, args...)
	}
	return s
}

// grouped is a count (an int argument of tr) printed by %d with its
// digits in groups of three: 1784 is "1,784". Years are int64 and print
// as they are.
type grouped int

// Format implements fmt.Formatter.
func (g grouped) Format(f fmt.State, verb rune) {
	if verb == 'd' || verb == 'v' {
		io.WriteString(f, export.GroupDigits(strconv.Itoa(int(g))))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), int(g))
}

// rows runs an embedded statement and returns its result, NULL as NaN
// and integers as int64.
func (d *data) rows(name string, args ...any) (export.Result, error) {
	cols, rows, err := d.w.Query(d.ctx, stmt(name), args...)
	if err != nil {
		return export.Result{}, fmt.Errorf("report: sql/%s: %w", name, err)
	}
	for _, vals := range rows {
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
				vals[i] = math.NaN()
			case int32:
				vals[i] = int64(x)
			case float32:
				vals[i] = float64(x)
			case int8:
				vals[i] = int64(x)
			case int16:
				vals[i] = int64(x)
			case uint8:
				vals[i] = int64(x)
			case uint16:
				vals[i] = int64(x)
			case uint32:
				vals[i] = int64(x)
			case uint64:
				vals[i] = float64(x)
			case *big.Int: // HUGEINT: DuckDB's sum of BIGINT
				if x.IsInt64() {
					vals[i] = x.Int64()
				} else {
					f, _ := new(big.Float).SetInt(x).Float64()
					vals[i] = f
				}
			case duckdb.Decimal:
				vals[i] = x.Float64()
			}
		}
	}
	return export.Result{Columns: cols, Rows: rows}, nil
}

// col returns the index of a column.
func col(r export.Result, name string) int {
	for i, c := range r.Columns {
		if c == name {
			return i
		}
	}
	panic("report: no column " + name) // a mismatch with the embedded SQL: a programming error
}

func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	case int:
		return float64(x)
	}
	return math.NaN()
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		if math.IsNaN(x) {
			return ""
		}
	}
	return fmt.Sprint(v)
}

// sheetName trims a sheet name to Excel's 31 characters, at a word's
// end: an English name is cut at its last space or parenthesis that
// fits (never mid-word), a Chinese one before its first bracket or
// colon when that fits, else at 31 characters.
func sheetName(s string) string {
	r := []rune(strings.NewReplacer("/", "-", "\\", "-", "?", "", "*", "", "[", "(", "]", ")", ":", "-", "：", "-").Replace(s))
	if len(r) <= 31 {
		return string(r)
	}
	for _, stop := range []rune{'（', '('} {
		if i := strings.IndexRune(string(r), stop); i > 0 && len([]rune(string(r)[:i])) <= 31 {
			return strings.TrimSpace(string(r)[:i])
		}
	}
	cut := r[:31]
	if r[31] != ' ' {
		for i := len(cut) - 1; i > 0; i-- {
			if cut[i] == ' ' || cut[i] == '(' || cut[i] == '-' {
				return strings.TrimRight(string(cut[:i]), " -(,")
			}
		}
	}
	return strings.TrimSpace(string(cut))
}
