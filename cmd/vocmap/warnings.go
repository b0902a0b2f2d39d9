package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// openRead opens the warehouse read-only for a command that only reads.
func (a *app) openRead(cmd *cobra.Command) (*warehouse.Warehouse, error) {
	w, err := warehouse.Open(cmd.Context(), a.cfg.Warehouse, a.openOptions(true, ""))
	if err != nil {
		return nil, a.openError(err)
	}
	return w, nil
}

func (a *app) exportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "导出运行结果 / export a run's results",
	}
	warn := &cobra.Command{
		Use:   "warnings --period YYYY-MM --out FILE [--format csv|xlsx|parquet|json] [--scope S] [--region CODE] [--level L] [--signal S]",
		Short: "导出预警清单（按数据合同 v1.2）/ export the warning list as the data contract (v1.2) defines it",
		Long: `导出该期次最近一次运行的预警清单，列与顺序严格按数据合同“Outputs”（v1.2：含地区名称、学校名称、
当年招生数、就业市场、供过于求概率、连续预警期数）。CSV 为带 BOM 的 UTF-8，Parquet 与 JSON 供程序读取，
均用代码（red、close、province…）。XLSX 供人阅读、可直接打印带去开会：第一张表“重点清单”列出省级各行与
全部红色预警（按严重程度排序，至多 50 行），其后每市一张表（以市名命名），再后“全部清单”与“说明”；
取值用中文（红/黄/绿、撤销或停招/缩减/待研判/扩大、省/市/学校、中职/高职专科/职业本科），数字带格式，
A4 横向、按页宽缩放、每页重复标题行。
--scope 只保留一个范围（province 省、city 市、school 学校）；--region 取省或市的区划代码：
省为全省各行（省级、各市与各校），市为该市及其学校；--level、--signal 同理，可组合使用。

Exports the warning list of the period's latest run exactly as the data
contract's "Outputs" (v1.2) defines it: with the region's and school's
names, the current intake, the labour market, the probability of
oversupply and the periods flagged in a row. CSV, Parquet and JSON, for
scripts, keep the codes. The XLSX is for people and prints for a
meeting: a short list first (the province's rows and every red row, most
severe first, at most 50), then one sheet per city (named by the city),
then all rows and an About sheet; values in the report language, numbers
formatted, A4 landscape fitted to the width, the titles on every page.
--scope keeps one scope (province, city or school); --region takes a
province's code (its own rows and every city's and school's) or a city's
(its rows and its schools'); --level and --signal likewise; they combine.
--format defaults to the file's extension.`,
		Example: `  vocmap export warnings --period 2025-12 --out 预警清单.xlsx
  vocmap export warnings --period 2025-12 --region 140100 --out 太原市预警清单.xlsx
  vocmap export warnings --period 2025-12 --region 140000 --scope province --signal red --out 省级红色预警.csv
  vocmap export warnings --period 2025-12 --scope school --format json --out -`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, f := range []string{"period", "out"} {
				if err := requireFlag(cmd, f); err != nil {
					return err
				}
			}
			period, _ := cmd.Flags().GetString("period")
			out, _ := cmd.Flags().GetString("out")
			format, _ := cmd.Flags().GetString("format")
			var f job.Filter
			f.Region, _ = cmd.Flags().GetString("region")
			f.Scope, _ = cmd.Flags().GetString("scope")
			f.Level, _ = cmd.Flags().GetString("level")
			f.Signal, _ = cmd.Flags().GetString("signal")
			if err := checkPeriod(period); err != nil {
				return err
			}
			if f.Scope != "" && f.Scope != "province" && f.Scope != "city" && f.Scope != "school" {
				return &usageError{fmt.Errorf("--scope %q: must be province, city or school", f.Scope)}
			}
			if f.Level != "" && f.Level != "secondary" && f.Level != "higher" && f.Level != "bachelor" {
				return &usageError{fmt.Errorf("--level %q: must be secondary, higher or bachelor", f.Level)}
			}
			if f.Signal != "" && f.Signal != "red" && f.Signal != "yellow" && f.Signal != "green" {
				return &usageError{fmt.Errorf("--signal %q: must be red, yellow or green", f.Signal)}
			}
			if format == "" {
				if out == "-" {
					format = export.WarningCSV
				} else {
					var err error
					if format, err = export.WarningFormat(out); err != nil {
						return &usageError{err}
					}
				}
			}
			switch format {
			case export.WarningCSV, export.WarningXLSX, export.WarningParquet, export.WarningJSON:
			default:
				return &usageError{fmt.Errorf("--format %q: must be csv, xlsx, parquet or json", format)}
			}
			w, err := a.openRead(cmd)
			if err != nil {
				return err
			}
			defer w.Close()
			rows, id, err := job.Warnings(cmd.Context(), w, period, f, a.lang)
			if err != nil {
				return a.jobError(err, f.Region)
			}
			if out == "-" {
				if format != export.WarningCSV && format != export.WarningJSON {
					return &usageError{fmt.Errorf("--out -: only csv and json go to stdout")}
				}
				return export.EncodeWarnings(a.stdout, format, rows)
			}
			if err := export.WriteWarningsAbout(out, format, a.lang, rows, a.warningsAbout(period, id, f)); err != nil {
				return err
			}
			a.say("exported", len(rows), id, out)
			return nil
		},
	}
	warn.Flags().String("period", "", "期次 YYYY-MM / the period")
	warn.Flags().String("out", "", "输出文件，- 为标准输出 / output file, - for stdout")
	warn.Flags().String("format", "", "csv|xlsx|parquet|json（默认按扩展名）/ default: by extension")
	warn.Flags().String("scope", "", "province|city|school（省/市/学校）")
	warn.Flags().String("region", "", "省或市的区划代码 / a province's or a city's code")
	warn.Flags().String("level", "", "secondary|higher|bachelor")
	warn.Flags().String("signal", "", "red|yellow|green")
	cmd.AddCommand(warn)
	return cmd
}

// warningsAbout are the lines of the XLSX's 说明 (About) sheet: which run
// and period the list comes from and how it was filtered.
func (a *app) warningsAbout(period, run string, f job.Filter) []string {
	lines := []string{a.msg("warnings_about", period, run)}
	var parts []string
	for _, p := range [][2]string{{"--scope", f.Scope}, {"--region", f.Region}, {"--level", f.Level}, {"--signal", f.Signal}} {
		if p[1] != "" {
			parts = append(parts, p[0]+" "+p[1])
		}
	}
	if len(parts) > 0 {
		lines = append(lines, a.msg("warnings_about_filter", strings.Join(parts, " ")))
	}
	return append(lines, a.msg("warnings_about_sheets"))
}

func (a *app) explainCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "explain --period YYYY-MM --program CODE [--region CODE] [--school CODE]",
		Short: "解释一个专业为何得到该信号 / why a program got its signal",
		Long: `列出该专业在最近一次运行中的供需比与超供概率，得分的 TOPSIS 分解（每个指标的取值、权重、标准化值、
加权值及其到理想点、负理想点的平方距离和占比，由此算出 D⁺、D⁻ 与得分），触发的每条规则，
以及规划部门的调整（若有）。给出 --school 为学校范围，--region 为市时为市范围，否则为全省。

Prints the supply–demand ratio and the probability of oversupply, the
TOPSIS decomposition of the program's score (each indicator's value,
weight, normalised and weighted value, its squared distances to the ideal
and anti-ideal points and their shares, and D⁺, D⁻ and the score computed
from them),
every rule that fired and any planners' override, from the period's latest
run: at school scope with --school, at city scope when --region is a city,
else at the province's.`,
		Example: `  vocmap explain --period 2025-12 --program 420901
  vocmap explain --period 2025-12 --program 530302 --school 4114013541`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, f := range []string{"period", "program"} {
				if err := requireFlag(cmd, f); err != nil {
					return err
				}
			}
			period, _ := cmd.Flags().GetString("period")
			program, _ := cmd.Flags().GetString("program")
			region, _ := cmd.Flags().GetString("region")
			school, _ := cmd.Flags().GetString("school")
			if err := checkPeriod(period); err != nil {
				return err
			}
			w, err := a.openRead(cmd)
			if err != nil {
				return err
			}
			defer w.Close()
			e, err := job.Explain(cmd.Context(), w, period, program, region, school)
			if err != nil {
				return a.jobError(err, program, period)
			}
			a.printExplanation(e)
			return nil
		},
	}
	cmd.Flags().String("period", "", "期次 YYYY-MM / the period")
	cmd.Flags().String("program", "", "专业代码 / program code")
	cmd.Flags().String("region", "", "区划代码 / region code")
	cmd.Flags().String("school", "", "学校代码 / school code")
	return cmd
}

func (a *app) printExplanation(e *job.Explanation) {
	o := a.stdout
	fmt.Fprintln(o, a.msg("explain_title", e.Program, e.Name, e.Level, e.Scope, e.Region, e.School, e.RunID, e.Preset))
	fmt.Fprintln(o, a.msg("explain_match", num(e.Supply), num(e.Openings), num(e.Ratio), e.Band, num(e.Prob)))
	fmt.Fprintln(o, a.msg("explain_score", num(e.Score)))
	a.printDecomposition(e)
	a.printTargets(e)
	sig := e.Signal
	if sig == "" {
		sig = "-"
	}
	fmt.Fprintln(o, a.msg("explain_signal", sig))
	if e.Reasons != "" {
		p, _, err := a.presets()
		for _, code := range strings.Split(e.Reasons, ";") {
			text := code
			if err == nil {
				text = p.ReasonText(code, a.lang)
			}
			fmt.Fprintf(o, "  - %s: %s\n", code, text)
		}
	}
	if e.OverrideReason != "" {
		fmt.Fprintln(o, a.msg("explain_override", e.Published, e.OverrideReason))
	}
}

// printDecomposition prints the TOPSIS decomposition of the score: each
// indicator's value, weight, normalised and weighted value and squared
// distances to the ideal and anti-ideal values (with their shares of D⁺²
// and D⁻²), then D⁺, D⁻ and the closeness computed from them, so that a
// reader can redo the arithmetic from the screen.
func (a *app) printDecomposition(e *job.Explanation) {
	o := a.stdout
	fmt.Fprintln(o, a.msg("explain_topsis"))
	// columns padded by display width, so that Chinese names line up
	widths := []int{18, 10, 7, 9, 9, 19, 19}
	row := func(c ...string) {
		line := "  " + export.PadRight(c[0], widths[0])
		for k := 1; k < len(c); k++ {
			line += " " + export.PadLeft(c[k], widths[k])
		}
		fmt.Fprintln(o, line)
	}
	row(strings.Split(a.msg("explain_header"), "|")...)
	d2p, d2m := e.DPlus*e.DPlus, e.DMinus*e.DMinus
	share := func(x, total float64) string {
		if math.IsNaN(x) {
			return "-"
		}
		s := fmt.Sprintf("%.6f", x)
		if total > 0 {
			s += fmt.Sprintf(" (%.1f%%)", 100*x/total)
		}
		return s
	}
	missing := false
	for _, iv := range e.Indicators {
		missing = missing || math.IsNaN(iv.Value)
		row(a.msg("ind_"+iv.Name), num(iv.Value), num(iv.Weight), fixed(iv.Normalized, 4), fixed(iv.Weighted, 4),
			share(iv.SqIdeal, d2p), share(iv.SqAntiIdeal, d2m))
	}
	if missing {
		fmt.Fprintln(o, a.msg("explain_imputed"))
	}
	if e.DPlus+e.DMinus == 0 {
		fmt.Fprintln(o, a.msg("explain_closeness_tie"))
		return
	}
	dp, dm := fixed(e.DPlus, 6), fixed(e.DMinus, 6)
	fmt.Fprintln(o, a.msg("explain_dplus", fixed(d2p, 6), dp))
	fmt.Fprintln(o, a.msg("explain_dminus", fixed(d2m, 6), dm))
	fmt.Fprintln(o, a.msg("explain_closeness", dm, dp, dm, num(e.Closeness)))
}

// printTargets prints the program's industries to which the plan gives a
// target growth: the run's trend beside the target, growth a year and
// employment at the horizon.
func (a *app) printTargets(e *job.Explanation) {
	o := a.stdout
	if len(e.Targets) == 0 {
		fmt.Fprintln(o, a.msg("explain_targets_none"))
		return
	}
	fmt.Fprintln(o, a.msg("explain_targets", e.Horizon))
	widths := []int{26, 6, 12, 8, 12, 12, 14, 14}
	row := func(c ...string) {
		line := "  " + export.PadRight(c[0], widths[0])
		for k := 1; k < len(c); k++ {
			line += " " + export.PadLeft(c[k], widths[k])
		}
		fmt.Fprintln(o, line)
	}
	row(strings.Split(a.msg("explain_targets_header"), "|")...)
	pct := func(x float64) string {
		if math.IsNaN(x) {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", 100*x)
	}
	count := func(x float64) string {
		if math.IsNaN(x) {
			return "-"
		}
		return export.GroupDigits(fmt.Sprintf("%.0f", x))
	}
	for _, t := range e.Targets {
		row(t.Industry+" "+t.Name, fmt.Sprintf("%.2f", t.Weight), a.tierText(t.Tier), t.Region, pct(t.Growth), pct(t.TargetGrowth),
			count(t.Employment), count(t.TargetEmployment))
	}
}

// tierText names a tier of industry_priorities in the app's language.
func (a *app) tierText(tier string) string {
	if _, ok := messages["tier_"+tier]; ok {
		return a.msg("tier_" + tier)
	}
	return tier
}

// fixed formats x with the given decimals, "-" for NaN.
func fixed(x float64, decimals int) string {
	if math.IsNaN(x) {
		return "-"
	}
	return fmt.Sprintf("%.*f", decimals, x)
}

func num(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	if math.IsInf(x, 1) {
		return "∞"
	}
	return fmt.Sprintf("%.3f", x)
}

func (a *app) rulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "预警规则预设 / the warning-rule presets",
	}
	cmp := &cobra.Command{
		Use:   "compare --period YYYY-MM [--disagree] [--format table|csv|json]",
		Short: "比较各规则预设标出的专业 / which programs each preset flags, and where they disagree",
		Long: `对该期次最近一次运行，列出每个规则预设（教育部、山西2025、天津、安徽、末位10%）
给出的信号，以及各预设不一致之处（agree = no）。--disagree 只列不一致的行。

Shows, for the period's latest run, the signal each rule preset gives
every row that some preset flags, and where they disagree (agree = no);
--disagree keeps only those rows. A summary per preset goes to stderr.`,
		Example: `  vocmap rules compare --period 2025-12 --disagree
  vocmap rules compare --period 2025-12 --format csv > 规则比较.csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requireFlag(cmd, "period"); err != nil {
				return err
			}
			period, _ := cmd.Flags().GetString("period")
			format, _ := cmd.Flags().GetString("format")
			only, _ := cmd.Flags().GetBool("disagree")
			if err := checkPeriod(period); err != nil {
				return err
			}
			if format != export.FormatTable && format != export.FormatCSV && format != export.FormatJSON {
				return &usageError{fmt.Errorf("--format %q: must be table, csv or json", format)}
			}
			w, err := a.openRead(cmd)
			if err != nil {
				return err
			}
			defer w.Close()
			c, err := job.Compare(cmd.Context(), w, period, only)
			if err != nil {
				return a.jobError(err)
			}
			for _, p := range c.Presets {
				n := c.Counts[p]
				a.say("compare_preset", p, n["red"], n["yellow"], n["green"])
			}
			a.say("compare_disagree", c.Disagree, c.RunID)
			return writeResult(a.stdout, c.Table, format)
		},
	}
	cmp.Flags().String("period", "", "期次 YYYY-MM / the period")
	cmp.Flags().Bool("disagree", false, "只列各预设不一致的行 / only rows where presets disagree")
	cmp.Flags().String("format", "table", "table|csv|json")
	cmd.AddCommand(cmp)
	return cmd
}
