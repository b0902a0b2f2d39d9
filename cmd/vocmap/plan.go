package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
)

// planOptions turns the configuration into the plan's options: the plan
// section as given (0 is 0) and the bands of the reason column.
func (a *app) planOptions() job.PlanOptions {
	c := a.cfg.Plan
	return job.PlanOptions{TotalChange: c.TotalChange, CellChange: c.CellChange, ChangePenalty: c.ChangePenalty,
		BachelorShare: c.BachelorShare, BachelorPenalty: c.BachelorPenalty, Bands: bands(a.cfg)}
}

func (a *app) planCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plan --period P [--year Y] --out FILE.csv|FILE.xlsx [--by school]",
		Short: "提出下一年分专业、分市的招生计划建议 / propose next year's intake by program and city",
		Long: `用线性规划（analytics/optimize）提出下一年各专业、各市的招生人数：缩小预测供需缺口、限制变动幅度，
总招生变动在 ±plan.total_change 内，每个专业点变动在 ±plan.cell_change 内（红色可降为 0，绿色与紧缺产业专业不减，
超过布点上限的只减不增），办学容量约束，职业本科占高职招生比重 ≥ 15% 作为软目标（报告缺口）。
同时说明哪些约束起作用及各目标的影子价格。

Proposes next year's intake by program × city with a linear program
(analytics/optimize): close the forecast supply–demand gaps with the least
change, the total within ±plan.total_change, each cell within
±plan.cell_change (red may close, green and shortage programs are not cut,
programs over the site cap only shrink), city capacity where schools state
it, and vocational-bachelor intake ≥ 15% of higher-vocational intake as a
soft target (its shortfall is reported). Prints which constraints bind and
the shadow price of each target.`,
		Example: `  vocmap plan --period 2025-12 --out 2026招生计划建议.xlsx
  vocmap plan --period 2025-12 --by school --out plan_by_school.csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, f := range []string{"period", "out"} {
				if err := requireFlag(cmd, f); err != nil {
					return err
				}
			}
			period, _ := cmd.Flags().GetString("period")
			if err := checkPeriod(period); err != nil {
				return err
			}
			out, _ := cmd.Flags().GetString("out")
			if !strings.HasSuffix(strings.ToLower(out), ".csv") && !strings.HasSuffix(strings.ToLower(out), ".xlsx") {
				return &usageError{fmt.Errorf("--out %q: write .csv or .xlsx", out)}
			}
			by, _ := cmd.Flags().GetString("by")
			if by != "" && by != "city" && by != "school" {
				return &usageError{fmt.Errorf("--by %q: must be city or school", by)}
			}
			year, _ := cmd.Flags().GetInt("year")
			w, err := a.openRead(cmd)
			if err != nil {
				return err
			}
			defer w.Close()
			po := a.planOptions()
			po.Period, po.Year, po.BySchool = period, year, by == "school"
			res, err := job.Plan(cmd.Context(), w, po)
			if err != nil {
				return a.jobError(err)
			}
			if err := export.WriteFile(out, res.Table, a.msg("plan_sheet")); err != nil {
				return err
			}
			a.printPlan(res, out)
			return nil
		},
	}
	cmd.Flags().String("period", "", "期次 YYYY-MM / the period")
	cmd.Flags().Int("year", 0, "计划的招生年份（默认最新数据的下一年）/ the intake year planned")
	cmd.Flags().String("out", "", "输出文件 .csv 或 .xlsx / output file")
	cmd.Flags().String("by", "city", "city|school：按市或分解到学校 / by city or by school")
	return cmd
}

func (a *app) printPlan(r *job.PlanResult, out string) {
	o := a.stdout
	fmt.Fprintln(o, a.msg("plan_done", r.Year, r.RunID, r.Cells, out))
	fmt.Fprintln(o, a.msg("plan_total", r.CurrentTotal, r.PlanTotal, 100*(r.PlanTotal/r.CurrentTotal-1)))
	fmt.Fprintln(o, a.msg("plan_bachelor", 100*r.BachelorBefore, 100*r.BachelorAfter, r.BachelorShortfall))
	counts := map[string]int{}
	for _, b := range r.Binding {
		kind, _, _ := strings.Cut(b, ":")
		counts[kind]++
	}
	var kinds []string
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s ×%d", k, counts[k]))
	}
	fmt.Fprintln(o, a.msg("plan_binding", strings.Join(parts, ", ")))
	var names []string
	for k := range r.Shadow {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !strings.HasPrefix(k, "capacity:") || r.Shadow[k] != 0 {
			fmt.Fprintln(o, a.msg("plan_shadow", k, r.Shadow[k]))
		}
	}
}
