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
		Long: `为数据合同的每张表写出空白模板：CSV（UTF-8 带 BOM，中文表头）和 XLSX（第一页表头，
“说明”页列出每列的类型和规则），以及汇总全部规则的 说明.csv。填好的模板可直接 validate/ingest。

Writes an empty template per contract table (CSV and XLSX with Chinese
headers; each column's rule in the XLSX's 说明 sheet and in 说明.csv).`,
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
