package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/export"
)

func (a *app) configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "查看配置 / inspect the configuration",
	}
	show := &cobra.Command{
		Use:   "show [--format table|csv|json]",
		Short: "打印每个配置项的生效值及其来源 / print each effective value and its source",
		Long: `打印每个配置项的生效值和来源：default（内置默认）、file（配置文件）、env（VOCMAP_* 环境变量）
或 flag（命令行参数）。优先级：flag > env > file > default。

Prints each effective value and where it came from. Precedence:
flags > env (VOCMAP_*) > file (vocmap.yaml or --config) > defaults.`,
		Example: `  vocmap config show
  VOCMAP_LANG=en vocmap --config ./prod.yaml config show --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, _ := cmd.Flags().GetString("format")
			r := resultOf([]string{a.msg("config_col_key"), a.msg("config_col_value"), a.msg("config_col_from")})
			if format != export.FormatTable {
				r.Columns = []string{"key", "value", "source"}
			}
			for _, s := range a.sources {
				r.Rows = append(r.Rows, []any{s.Key, fmt.Sprint(s.Value), s.From + " (" + s.Detail + ")"})
			}
			return writeResult(a.stdout, r, format)
		},
	}
	show.Flags().String("format", "table", "table|csv|json")
	cmd.AddCommand(show)
	return cmd
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "打印版本 / print the version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprint(a.stdout, versionLine())
			return nil
		},
	}
}
