package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

func resultOf(cols []string) export.Result { return export.Result{Columns: cols} }

func writeResult(w io.Writer, r export.Result, format string) error {
	if err := export.WriteResult(w, r, format); err != nil {
		return &usageError{err}
	}
	return nil
}

func (a *app) sqlCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   `sql [--format table|csv|json] "SELECT ..."`,
		Short: "在仓库上运行只读查询 / run a read-only query on the warehouse",
		Long: `在仓库上运行一条只读 SQL 查询并打印结果。数据合同的表以合同的表名和列名出现（当前快照）；
meta.snapshots 记录每次载入。csv 输出有表头，数字为完整精度。

Runs one read-only query on the warehouse and prints the result. The
contract's tables appear under the contract's names (the current
snapshot); meta.snapshots lists every ingest. csv: a header row, numbers
in full round-trip precision.`,
		Example: `  vocmap sql "SELECT level, count(*) AS n FROM programs GROUP BY level"
  vocmap sql --format csv "SELECT * FROM industry_map WHERE region_code = '140100'" > taiyuan.csv
  vocmap sql --format json "SELECT * FROM meta.snapshots"`,
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
			cols, rows, err := w.Query(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return writeResult(a.stdout, export.Result{Columns: cols, Rows: rows}, format)
		},
	}
	cmd.Flags().String("format", "table", "输出格式 table|csv|json / output format")
	return cmd
}
