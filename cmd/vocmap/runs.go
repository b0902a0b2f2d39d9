package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// formatFlag adds --format table|csv|json and returns its checker.
func formatFlag(cmd *cobra.Command) func() (string, error) {
	cmd.Flags().String("format", "table", "table|csv|json")
	return func() (string, error) {
		f, _ := cmd.Flags().GetString("format")
		if f != export.FormatTable && f != export.FormatCSV && f != export.FormatJSON {
			return "", &usageError{fmt.Errorf("--format %q: must be table, csv or json", f)}
		}
		return f, nil
	}
}

// readResult opens the warehouse read-only, runs f and prints its table.
func (a *app) readResult(cmd *cobra.Command, format func() (string, error), f func(w *warehouse.Warehouse) (export.Result, error)) error {
	ft, err := format()
	if err != nil {
		return err
	}
	w, err := a.openRead(cmd)
	if err != nil {
		return err
	}
	defer w.Close()
	r, err := f(w)
	if err != nil {
		return a.jobError(err)
	}
	return writeResult(a.stdout, r, ft)
}

func (a *app) runsCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "runs", Short: "运行台账 / the run ledger"}
	list := &cobra.Command{
		Use:   "list [--format table|csv|json]",
		Short: "列出每次运行（成功、失败、中断、被替代）/ every run: succeeded, failed, interrupted, superseded",
		Long: `列出台账中的每次运行；error 列只显示错误的第一行（至多 80 个字符），全文见 vocmap runs show RUN_ID。

Lists every run of the ledger; the error column shows the first line of
a run's error (at most 80 characters): vocmap runs show RUN_ID has it all.`,
		Example: `  vocmap runs list
  vocmap runs list --format json`,
		Args: noArgs,
	}
	lf := formatFlag(list)
	list.RunE = func(cmd *cobra.Command, _ []string) error {
		return a.readResult(cmd, lf, func(w *warehouse.Warehouse) (export.Result, error) {
			r, err := job.Runs(cmd.Context(), w)
			if i := slices.Index(r.Columns, "error"); i >= 0 {
				for _, row := range r.Rows {
					row[i] = errorSummary(export.Cell(row[i]))
				}
			}
			return r, err
		})
	}
	show := &cobra.Command{
		Use:     "show RUN_ID",
		Short:   "一次运行的全部记录 / everything the ledger keeps of a run",
		Long:    "状态、各环节用时、行数、输入文件的 SHA-256、配置哈希、版本。\nStatus, stage timings, row counts, the inputs' SHA-256, the config hash, the version.",
		Example: "  vocmap runs show 2025-12-r2",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageError{fmt.Errorf("runs show takes one RUN_ID")}
			}
			return nil
		},
	}
	sf := formatFlag(show)
	show.RunE = func(cmd *cobra.Command, args []string) error {
		return a.readResult(cmd, sf, func(w *warehouse.Warehouse) (export.Result, error) {
			r, err := job.ShowRun(cmd.Context(), w, args[0])
			return r, a.jobError(err, args[0])
		})
	}
	prune := &cobra.Command{
		Use:   "prune --keep N",
		Short: "只保留最近 N 个期次的结果 / keep the results of the N latest periods",
		Long: `删除较早期次的结果，以及不再被保留的运行使用、也不是当前快照的输入快照；台账保留每次运行。
Deletes the results of older periods and the snapshots that no kept run
uses (the current snapshot always stays), in one transaction; the ledger
keeps every run.`,
		Example: "  vocmap runs prune --keep 24",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keep, _ := cmd.Flags().GetInt("keep")
			if keep < 1 {
				return &usageError{fmt.Errorf("--keep %d: must be at least 1", keep)}
			}
			w, err := warehouse.Open(cmd.Context(), a.cfg.Warehouse, a.openOptions(false, "runs prune"))
			if err != nil {
				return a.openError(err)
			}
			defer w.Close()
			r, err := job.Prune(cmd.Context(), w, keep)
			if err != nil {
				return err
			}
			a.publishReadCopy(cmd.Context(), w)
			fmt.Fprintln(a.stdout, a.msg("pruned", r.KeptPeriods, r.DroppedPeriods, r.DroppedSnapshots))
			return nil
		},
	}
	prune.Flags().Int("keep", 0, "保留的期次数 / periods to keep")
	cmd.AddCommand(list, show, prune)
	return cmd
}

func (a *app) snapshotsCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "snapshots", Short: "输入快照 / input snapshots"}
	list := &cobra.Command{
		Use:     "list [--format table|csv|json]",
		Short:   "列出每个输入快照及使用它的期次 / every input snapshot and the periods that used it",
		Example: "  vocmap snapshots list",
		Args:    noArgs,
	}
	f := formatFlag(list)
	list.RunE = func(cmd *cobra.Command, _ []string) error {
		return a.readResult(cmd, f, func(w *warehouse.Warehouse) (export.Result, error) { return job.Snapshots(cmd.Context(), w) })
	}
	cmd.AddCommand(list)
	return cmd
}

func (a *app) changesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "changes --period P [--against P0] [--format table|csv|json]",
		Short: "与上一期相比有什么变化 / what changed since the previous period",
		Long: `列出信号出现、消失或改变的专业，以及得分或供需比大幅变动的专业（run.score_move、run.ratio_move），
默认与上一个成功运行的期次比较。

Lists every program whose published signal appeared, disappeared or
changed, rows that appeared or went, and large score or ratio moves
(run.score_move, run.ratio_move), against the previous period with a
successful run unless --against names one.`,
		Example: `  vocmap changes --period 2026-01
  vocmap changes --period 2026-01 --against 2025-10 --format csv > changes.csv`,
		Args: noArgs,
	}
	f := formatFlag(cmd)
	cmd.Flags().String("period", "", "期次 YYYY-MM / the period")
	cmd.Flags().String("against", "", "比较的期次（默认上一期）/ the period to compare with")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := requireFlag(cmd, "period"); err != nil {
			return err
		}
		period, _ := cmd.Flags().GetString("period")
		against, _ := cmd.Flags().GetString("against")
		if err := checkPeriod(period); err != nil {
			return err
		}
		if against != "" {
			if err := checkPeriod(against); err != nil {
				return err
			}
		}
		return a.readResult(cmd, f, func(w *warehouse.Warehouse) (export.Result, error) {
			r, after, before, err := job.Changes(cmd.Context(), w, period, against, a.cfg.Run.ScoreMove, a.cfg.Run.RatioMove)
			if err == nil {
				a.say("changes_between", after, before, len(r.Rows))
			}
			return r, err
		})
	}
	return cmd
}

// errorSummaryWidth is how many characters of a run's error runs list
// shows.
const errorSummaryWidth = 80

// errorSummary is the first line of a run's error, cut to
// errorSummaryWidth characters with "…" (runs show has the whole text).
func errorSummary(s string) string {
	line, _, more := strings.Cut(strings.TrimSpace(s), "\n")
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > errorSummaryWidth {
		line, more = string(r[:errorSummaryWidth-1]), true
	}
	if more {
		line += "…"
	}
	return line
}
