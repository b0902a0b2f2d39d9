package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/datasets/synth"
	"github.com/vocmap/vocmap/pipelines/export"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func (a *app) datasetsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "datasets",
		Short: "数据集模板与合成数据 / dataset templates and synthetic data",
	}
	cmd.AddCommand(a.templateCmd(), a.generateCmd())
	return cmd
}

func (a *app) templateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template --out DIR",
		Short: "为数据提供方写出空白模板 / write empty templates for data providers",
		Long: `为数据合同的每张表写出模板，CSV 与 XLSX 分放两个文件夹（一个数据文件夹每张表只能有一个文件）：
csv/（UTF-8 带 BOM，中文表头，一行以“示例”开头的示例行，载入时跳过；csv/说明.csv 列出每张表
是否必需、每列的类型、可填的值和规则）和 xlsx/（第一页填写，下拉选择可填的值；“示例”页和
“说明”页）。可填的值可用中文（省/市/区县、中职/高职专科/职业本科、公办/民办……）。
填好的文件夹可直接 validate/ingest。

Writes a template per contract table into DIR/csv (Chinese headers and an
example row, skipped on load; csv/说明.csv lists which tables are optional,
each column's allowed values and rule) and DIR/xlsx (drop-downs of the
allowed values; 示例 and 说明 sheets), apart so that a filled folder holds
one file per table. Allowed values may be written in Chinese.`,
		Example: `  vocmap datasets template --out ./templates`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requireFlag(cmd, "out"); err != nil {
				return err
			}
			out, _ := cmd.Flags().GetString("out")
			files, err := export.WriteTemplates(out)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, a.msg("templates", len(files), out))
			return nil
		},
	}
	cmd.Flags().String("out", "", "输出文件夹 / output folder")
	return cmd
}

func (a *app) generateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "generate --out DIR --scale province|national --seed N",
		Short: "生成符合合同的合成数据集 / write a contract-valid synthetic dataset",
		Long: `生成可复现（同一种子字节相同）的合成数据集：province 约一个省（~450 所学校、~12 万招生行），
national 约 31 个省（~12,000 所学校、≥300 万招生行、≥200 万去向行、≥200 万岗位行）。
--factor 按倍数放大学校及招生、去向行数，用于压力测试。

Writes a seeded synthetic dataset that meets the contract: province (one
province) or national (31 provinces, ≥ 3 million enrollment rows).
--factor multiplies schools, enrollments and outcomes for stress tests.`,
		Example: `  vocmap datasets generate --out ./synth --scale province --seed 1
  vocmap datasets generate --out /tmp/national --scale national --seed 7`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requireFlag(cmd, "out"); err != nil {
				return err
			}
			out, _ := cmd.Flags().GetString("out")
			scale, _ := cmd.Flags().GetString("scale")
			seed, _ := cmd.Flags().GetUint64("seed")
			factor, _ := cmd.Flags().GetFloat64("factor")
			if scale != string(synth.ScaleProvince) && scale != string(synth.ScaleNational) {
				return &usageError{errorf("--scale must be province or national, not %q", scale)}
			}
			sum, err := synth.Generate(cmd.Context(), synth.Options{Out: out, Scale: synth.Scale(scale), Seed: seed,
				Factor: factor, Progress: a.progress(), Logger: a.log})
			if err != nil {
				return err
			}
			var rows int64
			for _, n := range sum.Tables {
				rows += n
			}
			fmt.Fprintln(a.stdout, a.msg("generated", scale, seed, out, len(sum.Tables), rows, float64(sum.Bytes)/1e6))
			return nil
		},
	}
	cmd.Flags().String("out", "", "输出文件夹 / output folder")
	cmd.Flags().String("scale", "province", "规模 province|national / size")
	cmd.Flags().Uint64("seed", 1, "随机种子 / random seed")
	cmd.Flags().Float64("factor", 1, "行数倍数 / row multiplier")
	return cmd
}
