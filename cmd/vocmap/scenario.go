package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/report"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

func (a *app) scenarioCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "scenario", Short: "情景分析 / scenario analysis"}
	runC := &cobra.Command{
		Use:   "run FILE|NAME --period P [--out DIR]",
		Short: "在基准数据上运行一个情景 / run a scenario against the period's baseline data",
		Long: `按情景文件（YAML，见 docs/scenarios.md）调整产业增速、招生计划或参数，用该期次基准运行的同一数据快照
重跑全部模型，结果以情景名保存；有 draws 时给出每个信号的概率。随后用 vocmap scenario diff 查看变化。
也可给出内置情景的名称：plan_targets（有规划目标增速的产业按目标增长）、nev_taiyuan、nursing_yuncheng、coal_decline、shanxi_rules。

Runs the whole model under a scenario file (YAML, docs/scenarios.md):
shocks to industries' employment growth, extra or fewer intake seats,
config overrides, Monte Carlo draws. It uses the same data snapshot as the
period's baseline run and stores its results tagged with the scenario's
name; with draws every row gets the probability of each signal. Then
vocmap scenario diff shows what it changes. FILE may also be the name of
a built-in scenario: plan_targets (industries grow at the plan's target
growth where it gives one), nev_taiyuan, nursing_yuncheng, coal_decline,
shanxi_rules.`,
		Example: `  vocmap scenario run config/scenarios/nev_taiyuan.yaml --period 2025-12
  vocmap scenario run plan_targets --period 2025-12
  vocmap scenario diff --period 2025-12 --scenario nev_taiyuan`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageError{fmt.Errorf("scenario run takes one FILE")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requireFlag(cmd, "period"); err != nil {
				return err
			}
			period, _ := cmd.Flags().GetString("period")
			if err := checkPeriod(period); err != nil {
				return err
			}
			s, err := loadScenario(args[0])
			if err != nil {
				return &usageError{err}
			}
			res, err := a.runScenario(cmd, s, period, cmd.Flags().Changed("out"))
			if err != nil {
				return err
			}
			a.printRun(res)
			fmt.Fprintln(a.stdout, a.msg("scenario_next", period, s.Name))
			return nil
		},
	}
	runC.Flags().String("period", "", "期次 YYYY-MM / the period")
	runC.Flags().String("out", "", "输出文件夹（默认 run.out/scenarios/名称）/ output folder (default run.out/scenarios/NAME)")
	diff := &cobra.Command{
		Use:   "diff --period P --scenario NAME [--format table|csv|json]",
		Short: "情景与基准相比改变了什么 / what a scenario changes against the baseline",
		Long: `列出信号、得分或供需比有变化的每一行（范围、地区、学校、专业），及情景下的超供概率；有 draws 时还有红、黄、绿信号的概率。

Lists every (scope, region, school, program) whose signal, score or
supply–demand ratio the scenario changes, with the scenario's probability
of oversupply and, when it ran with draws, of each signal.`,
		Example: `  vocmap scenario diff --period 2025-12 --scenario nursing_yuncheng --format csv > 情景变化.csv`,
		Args:    noArgs,
	}
	f := formatFlag(diff)
	diff.Flags().String("period", "", "期次 YYYY-MM / the period")
	diff.Flags().String("scenario", "", "情景名称 / the scenario's name")
	diff.RunE = func(cmd *cobra.Command, _ []string) error {
		for _, fl := range []string{"period", "scenario"} {
			if err := requireFlag(cmd, fl); err != nil {
				return err
			}
		}
		period, _ := cmd.Flags().GetString("period")
		name, _ := cmd.Flags().GetString("scenario")
		if err := checkPeriod(period); err != nil {
			return err
		}
		return a.readResult(cmd, f, func(w *warehouse.Warehouse) (export.Result, error) {
			r, base, run, err := job.ScenarioDiff(cmd.Context(), w, period, name)
			if err == nil {
				a.say("scenario_diff", run, base, len(r.Rows), signalsChanged(r))
			}
			return r, err
		})
	}
	cmd.AddCommand(runC, diff)
	return cmd
}

// loadScenario reads the scenario file arg or, where no such file exists
// and arg is a plain name, the built-in scenario of that name
// (config/scenarios/NAME.yaml, embedded: plan_targets, nev_taiyuan, …).
func loadScenario(arg string) (*config.Scenario, error) {
	if _, err := os.Stat(arg); errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `/\.`) &&
		slices.Contains(config.ExampleScenarios(), arg) {
		return config.ExampleScenario(arg)
	}
	return config.LoadScenario(arg)
}

// runScenario runs s on the period's baseline data and writes its warning
// list and talent-demand report under run.out/P/scenarios/NAME (or --out).
func (a *app) runScenario(cmd *cobra.Command, s *config.Scenario, period string, outGiven bool) (*job.Result, error) {
	opts, err := a.scenarioOptions(s, period)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(a.cfg.Run.Out, "scenarios", s.Name) // the run writes OUT/PERIOD/
	if outGiven {
		out, _ = cmd.Flags().GetString("out")
	}
	opts.Out = out
	if a.interactive() && !a.cfg.Quiet {
		opts.Progress = func(stage string) { a.say("run_stage", stage) }
	}
	if a.stageHook != nil { // the workbench shows the stages
		opts.Progress = a.stageHook
	}
	w, err := warehouse.Open(cmd.Context(), a.cfg.Warehouse, a.openOptions(false, "scenario "+s.Name+" "+period))
	if err != nil {
		return nil, a.openError(err)
	}
	defer w.Close()
	opts.AddOutputs = func(ctx context.Context, dir string) error {
		_, err := report.Build(ctx, w, report.Options{Period: period, Scenario: s.Name, Lang: a.lang, Out: filepath.Join(dir, "reports")})
		return err
	}
	res, err := job.Run(cmd.Context(), w, opts)
	if err == nil || res != nil && res.RunID != "" && job.StoodAfterCommit(err) {
		a.publishReadCopy(cmd.Context(), w)
	}
	if err != nil && res != nil && res.RunID != "" && job.StoodAfterCommit(err) {
		return res, errors.New(a.msg("run_incomplete", res.RunID, period, err))
	}
	if err != nil {
		return nil, a.runError(err)
	}
	return res, nil
}

// scenarioOptions are the run's options under a scenario: the
// configuration with its parameters applied, its shocks, intake changes
// and draws.
func (a *app) scenarioOptions(s *config.Scenario, period string) (job.Options, error) {
	cfg, err := s.Apply(a.cfg)
	if err != nil {
		return job.Options{}, &usageError{err}
	}
	saved := a.cfg
	a.cfg = cfg
	opts, err := a.jobOptions(period)
	a.cfg = saved
	if err != nil {
		return job.Options{}, err
	}
	opts.Scenario = s.Name
	opts.SignalDraws = s.Draws > 0
	for _, sh := range s.Shocks {
		opts.Shocks = append(opts.Shocks, job.Shock{Industry: sh.Industry, Region: sh.Region, Growth: sh.Growth, From: sh.From, To: sh.To})
	}
	for _, ch := range s.Intake {
		opts.IntakeChanges = append(opts.IntakeChanges, job.IntakeChange{Program: ch.Program, Region: ch.Region, Change: ch.Change, From: ch.From})
	}
	return opts, nil
}

// signalsChanged counts the rows of a scenario's diff whose published
// signal differs from the baseline's.
func signalsChanged(r export.Result) int {
	b, s := slices.Index(r.Columns, "baseline_signal"), slices.Index(r.Columns, "scenario_signal")
	if b < 0 || s < 0 {
		return 0
	}
	n := 0
	for _, row := range r.Rows {
		if export.Cell(row[b]) != export.Cell(row[s]) {
			n++
		}
	}
	return n
}
