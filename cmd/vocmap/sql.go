package main

import (
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

func resultOf(cols []string) export.Result { return export.Result{Columns: cols} }

// writeResult prints a table for a person (table), a spreadsheet or a
// script (csv: text cells guarded against formulas, as in every CSV vocmap
// writes, since such output is often redirected into a file that Excel
// opens) or a program (json: as stored).
func writeResult(w io.Writer, r export.Result, format string) error {
	if format == export.FormatCSV {
		r = export.Guard(r)
	}
	if err := export.WriteResult(w, r, format); err != nil {
		return &usageError{err}
	}
	return nil
}

// refusedText says in the user's language why a statement was not run.
func (a *app) refusedText(e *warehouse.RefusedError) string {
	switch e.Reason {
	case "parse":
		return a.msg("sql_refused_parse", e.Detail)
	case "empty":
		return a.msg("sql_refused_empty")
	case "multiple":
		return a.msg("sql_refused_multiple")
	case "invalid":
		return a.msg("sql_refused_invalid", e.Detail)
	}
	return a.msg("sql_refused_not_select", e.Detail)
}

func (a *app) sqlCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   `sql [--format table|csv|json] "SELECT ..."`,
		Short: "在仓库上运行只读查询 / run a read-only query on the warehouse",
		Long: `在仓库上运行一条只读 SQL 查询并打印结果。数据合同的表以合同的表名和列名出现（当前快照）；
meta.snapshots 记录每次载入。csv 输出有表头，数字为完整精度。

只运行一条只读查询：SELECT、WITH、FROM、VALUES、DESCRIBE、SHOW、SUMMARIZE。
其他语句（COPY、ATTACH、SET、PRAGMA、INSTALL/LOAD、EXPORT DATABASE、CREATE、
INSERT、UPDATE、DELETE……）以及用分号连起来的多条语句一律拒绝（退出码 2），
仓库不会被改动；查询也读不到仓库以外的文件。查询文本为 - 时从标准输入读取。

Runs one read-only query on the warehouse and prints the result. Only a
single read-only query runs (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW,
SUMMARIZE): any other statement, and several statements separated by
semicolons, are refused with exit 2 and the warehouse is untouched; no
file outside the warehouse can be read. "-" reads the query from stdin.
The
contract's tables appear under the contract's names (the current
snapshot); meta.snapshots lists every ingest. csv: a header row, numbers
in full round-trip precision.`,
		Example: `  vocmap sql "SELECT level, count(*) AS n FROM programs GROUP BY level"
  vocmap sql --format csv "SELECT * FROM industry_map WHERE region_code = '140100'" > taiyuan.csv
  vocmap sql --format json "SELECT * FROM meta.snapshots"
  echo "DESCRIBE programs" | vocmap sql -`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, _ := cmd.Flags().GetString("format")
			if format != export.FormatTable && format != export.FormatCSV && format != export.FormatJSON {
				return &usageError{errorf("--format must be table, csv or json, not %q", format)}
			}
			w, err := warehouse.Open(cmd.Context(), a.cfg.Warehouse, a.openOptions(true, ""))
			if err != nil {
				return a.openError(err)
			}
			defer w.Close()
			q := args[0]
			if q == "-" {
				b, err := io.ReadAll(a.stdin)
				if err != nil {
					return err
				}
				q = string(b)
			}
			cols, rows, err := w.ReadOnlyQuery(cmd.Context(), q)
			var refused *warehouse.RefusedError
			if errors.As(err, &refused) {
				return &usageError{errors.New(a.refusedText(refused))}
			}
			if err != nil {
				return err
			}
			return writeResult(a.stdout, export.Result{Columns: cols, Rows: rows}, format)
		},
	}
	cmd.Flags().String("format", "table", "输出格式 table|csv|json / output format")
	return cmd
}
