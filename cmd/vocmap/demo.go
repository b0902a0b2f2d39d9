package main

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/pipelines/demo"
)

func (a *app) demoCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demo [--out DIR] [--period YYYY-MM]",
		Short: "用内置山西数据集跑完整流程 / run every stage on the embedded Shanxi dataset",
		Long: `在 ./vocmap-demo/（或 --out）中用内置的山西省示例数据集重建仓库 vocmap.duckdb，
完整跑一遍月度运行（需求、供给、匹配、评分、预警清单、产业结构报告、人才需求预测报告、
政策目标页），再跑示例情景 nursing_yuncheng（运城护理每年增招 500 人）和下一年招生计划建议，
输出写在 out/期次/ 下（data/ 中是数据集的 CSV，可作为数据包的样例）。
可重复运行，每次从头重建。

Builds ./vocmap-demo/vocmap.duckdb (or under --out) from the embedded Shanxi
demo dataset and runs the whole monthly job on it (demand, supply,
matching, scores, the warning list, the industry-structure and
talent-demand reports, the policy-targets page), then the example
scenario nursing_yuncheng (500 more nursing seats a year in Yuncheng) and
next year's intake plan. Outputs go under out/PERIOD/ (data/ holds the
dataset's CSV files, an example of a data drop). Safe to run again: it
rebuilds from scratch.`,
		Example: `  vocmap demo
  vocmap --lang en demo --out /tmp/demo`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := demo.Options{Out: a.cfg.Demo.Out, Period: a.cfg.Demo.Period, Progress: a.progress(), Logger: a.log}
			if cmd.Flags().Changed("out") {
				opts.Out, _ = cmd.Flags().GetString("out")
			}
			if cmd.Flags().Changed("period") {
				opts.Period, _ = cmd.Flags().GetString("period")
			}
			ro, err := a.jobOptions(opts.Period)
			if err != nil {
				return err
			}
			opts.Run = ro
			sc, err := config.ExampleScenario("nursing_yuncheng")
			if err != nil {
				return err
			}
			if opts.Scenario, err = a.scenarioOptions(sc, opts.Period); err != nil {
				return err
			}
			opts.Plan = a.planOptions()
			// The demo prints its own summary: the run's per-stage logs only at warning level.
			if a.jsonStderr() {
				opts.Logger = slog.New(slog.NewJSONHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
			} else {
				opts.Logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
			}
			s, err := demo.Run(cmd.Context(), opts)
			if err != nil {
				return a.openError(err)
			}
			f := s.Facts
			var rows int64
			for _, tf := range s.Files {
				rows += tf.Rows
			}
			share := 0.0
			if f.IntakeHigher > 0 {
				share = 100 * f.IntakeBachelor / f.IntakeHigher
			}
			var stages []string
			for _, st := range s.Stages {
				stages = append(stages, fmt.Sprintf("%s %.2fs", st.Name, st.Duration.Seconds()))
			}
			fmt.Fprintln(a.stdout, a.msg("demo_title", opts.Period))
			fmt.Fprintln(a.stdout, a.msg("demo_data", f.Cities, f.Schools, f.Programs, f.MapFirstYear, f.MapLastYear))
			fmt.Fprintln(a.stdout, a.msg("demo_intake", f.LastYear, f.IntakeSecondary, f.IntakeHigher, f.IntakeBachelor, share))
			fmt.Fprintln(a.stdout, a.msg("demo_snapshot", s.Warehouse, s.Snapshot, len(s.Files), rows, s.Warnings))
			fmt.Fprintln(a.stdout, a.msg("demo_forecast", s.Forecasts, demo.Horizon))
			r := s.Run
			fmt.Fprintln(a.stdout, a.msg("run_done", r.RunID, r.Period, r.Snapshot, r.BaseYear, r.Horizon))
			fmt.Fprintln(a.stdout, a.msg("run_signals", r.Signals["red"], r.Signals["yellow"], r.Signals["green"], r.DataQuality))
			if sc := s.Scenario; sc != nil {
				fmt.Fprintln(a.stdout, a.msg("demo_scenario", sc.Name, sc.Rows, sc.SignalChanges))
				for _, e := range sc.Examples {
					fmt.Fprintln(a.stdout, "    "+e)
				}
			}
			if p := s.Plan; p != nil {
				fmt.Fprintln(a.stdout, a.msg("demo_plan", p.Year, p.CurrentTotal, p.PlanTotal, 100*p.BachelorBefore, 100*p.BachelorAfter))
			}
			fmt.Fprintln(a.stdout, a.msg("demo_outputs", strings.Join(s.Outputs, ", ")))
			fmt.Fprintln(a.stdout, a.msg("demo_stages", strings.Join(stages, ", ")))
			fmt.Fprintln(a.stdout, a.msg("demo_next", s.Warehouse))
			fmt.Fprintln(a.stdout, a.msg("demo_next_run", s.Warehouse, opts.Period))
			a.refreshReadCopy(cmd.Context(), s.Warehouse)
			if pw, err := demoAccount(s.Warehouse); err != nil {
				a.say("demo_account_failed", err)
			} else {
				fmt.Fprintln(a.stdout, a.msg("demo_serve", s.Warehouse, filepath.Dir(s.OutDir), pw))
			}
			return nil
		},
	}
	cmd.Flags().String("out", "", "演示文件夹（默认 demo.out = ./vocmap-demo）/ demo folder")
	cmd.Flags().String("period", "", "期次 YYYY-MM（默认 demo.period）/ period")
	return cmd
}
