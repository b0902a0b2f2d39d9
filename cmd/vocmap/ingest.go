package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

var errLocked = warehouse.ErrLocked

func (a *app) loadOptions(cmd *cobra.Command) warehouse.LoadOptions {
	return warehouse.LoadOptions{MaxErrors: a.cfg.Ingest.MaxErrors, Progress: a.progress(), Logger: a.log}
}

func (a *app) ingestCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ingest --data DIR",
		Short: "检查并载入数据集，成为当前快照 / check and load a dataset as the current snapshot",
		Long: `检查数据集文件夹（每张表一个 CSV、XLSX 或 Parquet 文件）是否符合数据合同，
全部通过后在一个事务中载入仓库，成为当前快照；有任何错误则仓库保持原样，退出码 3。

Checks a dataset folder against the data contract and, if it has no error,
loads it in one transaction as the warehouse's current snapshot. Any error
leaves the warehouse exactly as it was and exits with code 3.`,
		Example: `  vocmap ingest --data ./drop/2025-12
  vocmap --warehouse /srv/vocmap/sx.duckdb ingest --data ./drop/2025-12`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requireFlag(cmd, "data"); err != nil {
				return err
			}
			dir, _ := cmd.Flags().GetString("data")
			w, err := warehouse.Open(cmd.Context(), a.cfg.Warehouse, a.openOptions(false, "ingest "+dir))
			if err != nil {
				return a.openError(err)
			}
			defer w.Close()
			res, err := w.Ingest(cmd.Context(), dir, a.loadOptions(cmd))
			if err != nil {
				return err
			}
			a.publishReadCopy(cmd.Context(), w)
			a.printWarnings(res.Warnings)
			fmt.Fprintln(a.stdout, a.msg("ingested", dir, res.SnapshotID))
			return a.printFiles(res.Files)
		},
	}
	cmd.Flags().String("data", "", "数据集文件夹 / the dataset folder")
	return cmd
}

func (a *app) validateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "validate --data DIR [--report FILE.xlsx|FILE.csv]",
		Short: "只检查数据集，不载入 / check a dataset without loading it",
		Long: `按数据合同检查数据集文件夹，列出每个错误（文件:行:列: 规则），不改动任何仓库。
--report 把全部错误与警告逐行写入 XLSX 或 CSV，交给数据提供方修改。

Checks a dataset folder against the data contract without touching any
warehouse; --report writes every error and warning as a row for the data
provider. Exit code 3 when the dataset has errors.`,
		Example: `  vocmap validate --data ./drop/2025-12
  vocmap validate --data ./drop/2025-12 --report 数据问题.xlsx`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requireFlag(cmd, "data"); err != nil {
				return err
			}
			dir, _ := cmd.Flags().GetString("data")
			report, _ := cmd.Flags().GetString("report")
			res, err := warehouse.Validate(cmd.Context(), dir, a.loadOptions(cmd))
			var rej *datasets.RejectedError
			if err != nil && !errors.As(err, &rej) {
				return err
			}
			if report != "" {
				var errs, warns []*datasets.RowError
				if rej != nil {
					errs, warns = rej.Errors, rej.Warnings
				} else if res != nil {
					warns = res.Warnings
				}
				if werr := export.WriteErrorReport(report, errs, warns, datasets.Lang(a.lang)); werr != nil {
					return &usageError{werr}
				}
				a.say("report_written", report)
			}
			if rej != nil { // the errors first: fail prints them, and then counts the warnings
				return rej
			}
			a.printWarnings(res.Warnings)
			var rows int64
			for _, f := range res.Files {
				rows += f.Rows
			}
			fmt.Fprintln(a.stdout, a.msg("valid", dir, datasets.ContractVersion, len(res.Files), rows))
			return nil
		},
	}
	cmd.Flags().String("data", "", "数据集文件夹 / the dataset folder")
	cmd.Flags().String("report", "", "把错误写入此 .xlsx 或 .csv 文件 / write every error to this .xlsx or .csv")
	return cmd
}

func (a *app) printWarnings(ws []*datasets.RowError) {
	if len(ws) == 0 || a.cfg.Quiet {
		return
	}
	const show = 20
	a.say("warnings", len(ws))
	for i, w := range ws {
		if i == show {
			a.say("warnings_more", len(ws)-show)
			break
		}
		a.rowError(w, "  ")
	}
}

func (a *app) printFiles(files []warehouse.TableFile) error {
	cols := []string{"table", "file", "format", "encoding", "rows"}
	if a.lang == "zh" {
		cols = []string{"表", "文件", "格式", "编码", "行数"}
	}
	r := resultOf(cols)
	for _, f := range files {
		r.Rows = append(r.Rows, []any{f.Table, f.File, f.Format, f.Encoding, f.Rows})
	}
	return writeResult(a.stdout, r, "table")
}

// openOptions are the options of every command's warehouse: a writer
// takes the writer lock (what says what for, in the lock file), and every
// command waits up to --wait while another process has the file open.
func (a *app) openOptions(readOnly bool, what string) warehouse.Options {
	return warehouse.Options{ReadOnly: readOnly, Logger: a.log, What: what, Wait: a.cfg.Wait,
		OnWait: func() { a.say("waiting", a.cfg.Warehouse, a.cfg.Wait) }}
}

// openError turns the warehouse's open errors into messages that say what
// to do.
func (a *app) openError(err error) error {
	var le *warehouse.LockedError
	var ce *warehouse.CorruptError
	switch {
	case errors.As(err, &le) && le.Holder.PID != 0:
		h := le.Holder
		return fmt.Errorf("%w: %s %s", errLocked, a.msg("locked", a.cfg.Warehouse),
			a.msg("locked_by", h.PID, h.Host, h.Started.Local().Format("2006-01-02 15:04:05"), h.What))
	case errors.As(err, &le):
		return fmt.Errorf("%w: %s", errLocked, a.msg("locked_other", a.cfg.Warehouse, warehouse.LockPath(a.cfg.Warehouse)))
	case errors.Is(err, warehouse.ErrLocked):
		return fmt.Errorf("%w: %s", errLocked, a.msg("locked", a.cfg.Warehouse))
	case errors.Is(err, warehouse.ErrNoWarehouse):
		return errors.New(a.msg("no_warehouse", a.cfg.Warehouse))
	case errors.As(err, &ce):
		return errors.New(a.msg("corrupt_warehouse", ce.File, ce.Detail))
	}
	return err
}
