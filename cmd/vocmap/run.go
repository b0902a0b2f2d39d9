package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/report"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// bands returns the configured supply–demand bands: the one definition
// that the matching, every preset's supply rules and the plan's reasons
// read.
func bands(c *config.Config) match.Thresholds {
	return match.Thresholds{Shortage: c.Match.Shortage, Slight: c.Match.SlightUndersupply, BalancedHigh: c.Match.Balanced, SlightHigh: c.Match.SlightOversupply}
}

// markets returns the configured labour market of each level.
func markets(c *config.Config) match.Markets {
	return match.Markets{Level: map[string]match.Market{"secondary": match.Market(c.Market.Secondary),
		"higher": match.Market(c.Market.Higher), "bachelor": match.Market(c.Market.Bachelor)},
		OtherCities: c.Market.SecondaryOtherCitiesShare}
}

// presets returns the built-in rule presets with the configured
// thresholds and bands, and the chosen one.
func (a *app) presets() (rules.Preset, []rules.Preset, error) {
	chosen, all, err := rules.Configure(a.cfg.Rules.Preset, bands(a.cfg), a.cfg.Rules.Thresholds, a.cfg.Rules.GreenMinScore)
	if err != nil {
		return chosen, nil, &usageError{err}
	}
	return chosen, all, nil
}

// jobOptions turns the configuration into the run's options.
func (a *app) jobOptions(period string) (job.Options, error) {
	c := a.cfg
	chosen, all, err := a.presets()
	if err != nil {
		return job.Options{}, err
	}
	for _, m := range []string{c.Run.DemandMethod, c.Run.IntakeMethod} {
		if _, err := forecast.ParseMethod(m); err != nil {
			return job.Options{}, &usageError{err}
		}
	}
	return job.Options{
		Period: period, Out: c.Run.Out, Horizon: c.Run.Horizon,
		DemandMethod: forecast.Method(c.Run.DemandMethod), IntakeMethod: forecast.Method(c.Run.IntakeMethod),
		Draws: c.Run.Draws, Seed: c.Run.Seed,
		ReplacementRate: c.Demand.ReplacementRate, VocationalShare: c.Demand.VocationalShare,
		PostingsWeight: c.Demand.PostingsWeight, PostingsCap: c.Demand.PostingsCap, PlanTargets: c.Demand.Growth == config.GrowthPlanTargets,
		DefaultCompletion: c.Supply.DefaultCompletion, DefaultFurtherStudy: c.Supply.DefaultFurtherStudy, DefaultStay: c.Supply.DefaultStay,
		Thresholds: bands(c), Markets: markets(c), MinWeight: c.Match.MinWeight, PriorityWeight: c.Match.PriorityWeight, Weights: c.Score.ScoreWeights(),
		Preset: chosen, Presets: all, Lang: a.lang, Logger: a.log, Version: version,
		ScoreMove: c.Run.ScoreMove, RatioMove: c.Run.RatioMove,
	}, nil
}

func (a *app) runCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run --period YYYY-MM [--data DIR] [--out DIR]",
		Short: "月度运行：需求、供给、匹配、评分、预警 / the monthly run: demand, supply, matching, scoring, warnings",
		Long: `月度运行：若给出 --data 先载入该数据集（全部或全不），然后在当前快照上
预测各市各行业的岗位需求与各专业的毕业生供给，计算供需比、评分与预警信号，
结果带运行编号与期次存入仓库，并在 OUT/期次/ 下写出：预警清单（warnings.csv、
warnings.xlsx）、数据质量清单（data_quality.csv）、与上一期相比的变化清单
（changes.csv）、三份报告（reports/：产业结构动态调整报告、行业人才需求预测报告、
政策目标页，各有 HTML、Markdown、XLSX）和 manifest.json（每个文件及其 SHA-256）。
整个文件夹一次性替换：读者看到的要么全是上一次运行的文件，要么全是这一次的。
期次须在数据年份范围内（产业地图第一年至最后一年之后两年）。

The monthly run: ingests --data first when given (all or nothing), then, on
the current snapshot, forecasts openings by city and industry and graduate
supply by program, matches them, scores every program, applies the rule
preset (config rules.preset) and the planners' overrides, stores every
result in the warehouse tagged with a run id and the period, and writes
OUT/PERIOD/: the warning list (warnings.csv, warnings.xlsx), the
data-quality list (data_quality.csv), the changes since the previous
period (changes.csv), the three reports (reports/: industry structure,
talent demand, policy targets; HTML, Markdown, XLSX) and manifest.json
(every file with its SHA-256). The folder is replaced as a whole: a
reader sees all of the previous run's files or all of this run's. The
period must lie within the data's years (the industry map's first year
to two years after its last).
Exit codes: 0 done, 1 failure, 2 usage, 3 input rejected, 4 warehouse busy,
5 no new data (--require-new-data), 130/143 interrupted (docs/operations.md).`,
		Example: `  vocmap run --period 2025-12
  vocmap run --period 2025-12 --data ./drop/2025-12 --out /srv/vocmap/out
  VOCMAP_RULES_PRESET=shanxi_2025 vocmap run --period 2025-12
  vocmap run --period 2026-01 --data ./drop/2026-01 --require-new-data   # 定时任务：没有新数据时退出码 5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requireFlag(cmd, "period"); err != nil {
				return err
			}
			period, _ := cmd.Flags().GetString("period")
			opts, err := a.jobOptions(period)
			if err != nil {
				return err
			}
			if err := checkPeriod(period); err != nil {
				return err
			}
			opts.DataDir, _ = cmd.Flags().GetString("data")
			opts.Snapshot, _ = cmd.Flags().GetInt64("snapshot")
			if cmd.Flags().Changed("snapshot") && opts.Snapshot < 1 {
				return &usageError{errors.New(a.msg("snapshot_id", opts.Snapshot))}
			}
			if opts.DataDir != "" && opts.Snapshot != 0 {
				return &usageError{fmt.Errorf("--data and --snapshot cannot be used together")}
			}
			if cmd.Flags().Changed("out") {
				opts.Out, _ = cmd.Flags().GetString("out")
			}
			opts.RequireNewData, _ = cmd.Flags().GetBool("require-new-data")
			if opts.Out != "" { // an output folder that cannot be one is a usage mistake, found before the run
				if err := export.MkdirAll(opts.Out); err != nil {
					return err
				}
			}
			if a.interactive() && !a.cfg.Quiet {
				opts.Progress = func(stage string) { a.say("run_stage", stage) }
			}
			w, err := warehouse.Open(cmd.Context(), a.cfg.Warehouse, a.openOptions(false, "run "+period))
			if err != nil {
				return a.openError(err)
			}
			defer w.Close()
			// The reports read the results the run has just committed and
			// go into the period's folder before it is put in place.
			opts.AddOutputs = func(ctx context.Context, dir string) error {
				_, err := report.Build(ctx, w, report.Options{Period: period, Lang: a.lang, Out: filepath.Join(dir, "reports")})
				return err
			}
			res, err := job.Run(cmd.Context(), w, opts)
			if err == nil || res != nil && res.RunID != "" && job.StoodAfterCommit(err) {
				a.publishReadCopy(cmd.Context(), w) // the results are stored: the workbench may read them
			}
			if err != nil {
				if res != nil && res.RunID != "" && job.StoodAfterCommit(err) {
					return errors.New(a.msg("run_incomplete", res.RunID, period, err))
				}
				return a.runError(err)
			}
			a.printRun(res)
			return nil
		},
	}
	cmd.Flags().String("period", "", "期次 YYYY-MM / the period")
	cmd.Flags().String("data", "", "先载入此数据集文件夹 / ingest this dataset folder first")
	cmd.Flags().Int64("snapshot", 0, "在此快照上运行（回退坏数据）/ run on this snapshot (roll back a bad drop)")
	cmd.Flags().String("out", "", "输出文件夹（默认 run.out）/ output folder (default run.out)")
	cmd.Flags().Bool("require-new-data", false, "没有新数据时不运行，退出码 5 / exit 5 instead of running when there is no new data")
	return cmd
}

// noNewDataText says why a run with --require-new-data did not start.
func (a *app) noNewDataText(e *job.NoNewDataError) string {
	if e.DataDir != "" {
		return a.msg("no_new_data_dir", e.DataDir, e.Snapshot)
	}
	return a.msg("no_new_data", e.Snapshot, e.UsedBy)
}

func (a *app) printRun(res *job.Result) {
	fmt.Fprintln(a.stdout, a.msg("run_done", res.RunID, res.Period, res.Snapshot, res.BaseYear, res.Horizon))
	fmt.Fprintln(a.stdout, a.msg("run_signals", res.Signals["red"], res.Signals["yellow"], res.Signals["green"], res.DataQuality))
	fmt.Fprintln(a.stdout, a.msg("run_data_as_of", res.Freshness.DataAsOf, res.Snapshot, res.Freshness.LoadedAt.Local().Format("2006-01-02")))
	if !res.Freshness.NewData {
		a.sayAt(slog.LevelWarn, "run_stale", []slog.Attr{slog.String("run_id", res.RunID)})
	}
	if res.Against != "" {
		fmt.Fprintln(a.stdout, a.msg("run_changes", res.Changes, res.Against))
	}
	for _, n := range res.Notes {
		fmt.Fprintln(a.stdout, a.msg("run_note_"+n))
	}
	if len(res.UnmatchedOverrides) > 0 {
		a.sayAt(slog.LevelWarn, "run_unmatched", []slog.Attr{slog.String("run_id", res.RunID)}, len(res.UnmatchedOverrides))
		for _, u := range res.UnmatchedOverrides {
			a.sayLine("run_unmatched", u, slog.String("run_id", res.RunID))
		}
	}
	var stages []string
	for _, st := range res.Stages {
		stages = append(stages, fmt.Sprintf("%s %.2fs", st.Name, st.Duration.Seconds()))
	}
	if len(res.Outputs) > 0 {
		fmt.Fprintln(a.stdout, a.msg("demo_outputs", strings.Join(res.Outputs, ", ")))
	}
	fmt.Fprintln(a.stdout, a.msg("demo_stages", strings.Join(stages, ", ")))
}

// runError says in the user's language what the job refused: a period
// outside the data's years is a usage error (exit 2).
func (a *app) runError(err error) error {
	var pe *job.PeriodError
	if errors.As(err, &pe) {
		return &usageError{errors.New(a.msg("period_range", pe.Period, pe.First, pe.Last, pe.First, pe.Last+job.PeriodYearsAhead))}
	}
	return a.jobError(err)
}

func checkPeriod(p string) error {
	if len(p) != 7 || p[4] != '-' || p[5] > '1' || (p[5] == '1' && p[6] > '2') || (p[5] == '0' && p[6] == '0') {
		return &usageError{fmt.Errorf("--period %q: must be YYYY-MM", p)}
	}
	for i, c := range p {
		if i != 4 && (c < '0' || c > '9') {
			return &usageError{fmt.Errorf("--period %q: must be YYYY-MM", p)}
		}
	}
	return nil
}
