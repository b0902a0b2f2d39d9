package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/report"
)

// republish adds files to a period's published output folder: the folder
// is copied, fill adds to the copy, and the copy replaces the folder with
// a manifest that lists every file (job.Publish). A folder without a
// manifest is made anew.
func (a *app) republish(dir string, fill func(staging string) error) error {
	man := job.Manifest{}
	if m, err := job.ReadManifest(dir); err == nil {
		man = *m
		man.Incomplete = ""
	}
	return job.Publish(dir, man, true, fill)
}

func (a *app) reportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report --period YYYY-MM [--out DIR]",
		Short: "生成产业结构报告、人才需求预测报告与政策目标页 / write the period's reports",
		Long: `根据该期次最近一次运行的结果，生成《产业结构动态调整报告》《行业人才就业状况和需求预测报告》
和政策目标进展页，各有离线可用的 HTML（内嵌图表）、Markdown 与 XLSX 工作簿。默认写到 run.out/期次/reports/。

Writes the industry-structure report, the talent-demand forecast report and
the policy-targets page from the period's latest run, each as offline HTML
with embedded charts, Markdown and an XLSX workbook of its tables, in
Chinese (or English with --lang en). Default folder: run.out/PERIOD/reports/.
vocmap run writes them too.`,
		Example: `  vocmap report --period 2025-12
  vocmap --lang en report --period 2025-12 --out ./reports-en`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requireFlag(cmd, "period"); err != nil {
				return err
			}
			period, _ := cmd.Flags().GetString("period")
			if err := checkPeriod(period); err != nil {
				return err
			}
			out, _ := cmd.Flags().GetString("out")
			if out == "" {
				out = filepath.Join(a.cfg.Run.Out, period, "reports")
			}
			w, err := a.openRead(cmd)
			if err != nil {
				return err
			}
			defer w.Close()
			scenario, _ := cmd.Flags().GetString("scenario")
			if scenario != "" && !cmd.Flags().Changed("out") {
				out = filepath.Join(a.cfg.Run.Out, "scenarios", scenario, period, "reports")
			}
			ro := report.Options{Period: period, Scenario: scenario, Lang: a.lang, Out: out}
			if cmd.Flags().Changed("out") {
				res, err := report.Build(cmd.Context(), w, ro)
				if err != nil {
					return a.jobError(err)
				}
				for _, f := range res.Files {
					fmt.Fprintln(a.stdout, f)
				}
				return nil
			}
			// The period's own folder is republished whole with the new
			// reports and a manifest that lists them.
			return a.republish(filepath.Dir(out), func(dir string) error {
				ro.Out = filepath.Join(dir, "reports")
				if err := os.RemoveAll(ro.Out); err != nil {
					return err
				}
				res, err := report.Build(cmd.Context(), w, ro)
				if err != nil {
					return a.jobError(err)
				}
				for _, f := range res.Files {
					rel, _ := filepath.Rel(dir, f)
					fmt.Fprintln(a.stdout, filepath.Join(filepath.Dir(out), rel))
				}
				return nil
			})
		},
	}
	cmd.Flags().String("period", "", "期次 YYYY-MM / the period")
	cmd.Flags().String("out", "", "输出文件夹 / output folder")
	cmd.Flags().String("scenario", "", "情景名称（默认基准）/ a scenario's run instead of the baseline")
	return cmd
}
