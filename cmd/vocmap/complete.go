package main

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// versionLine is what `vocmap version` and `vocmap --version` print.
func versionLine() string {
	return fmt.Sprintf("vocmap %s (data contract v%s, %s, %s/%s)\n", version, datasets.ContractVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// addConventions gives the command tree the conventions of a CLI:
// --version, and shell completion (cobra's `vocmap completion bash|zsh|
// fish|powershell`) that also completes the values of the flags that
// name a period, a region, a scenario, a level, a signal or a format,
// reading the periods, regions and scenarios from the warehouse.
func (a *app) addConventions(root *cobra.Command) {
	root.Version = version
	root.SetVersionTemplate(versionLine())
	root.Flags().BoolP("version", "v", false, "打印版本 / print the version")
	static := map[string][]string{
		"level":      {"secondary\t中职", "higher\t高职专科", "bachelor\t职业本科"},
		"signal":     {"red\t红", "yellow\t黄", "green\t绿"},
		"scope":      {"province\t省", "city\t市", "school\t学校"},
		"lang":       {"zh\t中文", "en\tEnglish"},
		"log-format": {"text", "json"},
		"role":       {"viewer\t只读", "planner\t规划（情景、计划）", "admin\t管理账户"},
	}
	queries := map[string]string{
		"period":   `SELECT DISTINCT period FROM meta.runs WHERE status = 'succeeded' ORDER BY period DESC`,
		"region":   `SELECT region_code || chr(9) || name FROM regions WHERE level IN ('province', 'city') ORDER BY region_code`,
		"scenario": `SELECT DISTINCT scenario FROM meta.runs WHERE scenario <> '' AND status = 'succeeded' ORDER BY scenario`,
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Flags().Lookup("help") == nil { // cobra's own says "help for NAME" in English only
			c.Flags().BoolP("help", "h", false, "显示帮助 / show this help")
		}
		flags := c.Flags()
		if c == root {
			flags = c.PersistentFlags()
		}
		flags.VisitAll(func(f *pflag.Flag) {
			var fn cobra.CompletionFunc
			switch {
			case static[f.Name] != nil:
				values := static[f.Name]
				fn = cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
			case f.Name == "format":
				values := formatValues(f.Usage)
				if len(values) == 0 {
					return
				}
				fn = cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
			case queries[f.Name] != "":
				q := queries[f.Name]
				fn = func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
					return a.completeFromWarehouse(cmd, q), cobra.ShellCompDirectiveNoFileComp
				}
			default:
				return
			}
			c.RegisterFlagCompletionFunc(f.Name, fn)
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// formatValues reads a format flag's choices from its usage text
// ("输出格式 table|csv|json / output format").
func formatValues(usage string) []string {
	for _, word := range strings.Fields(usage) {
		if strings.Contains(word, "|") {
			return strings.Split(word, "|")
		}
	}
	return nil
}

// completeFromWarehouse answers a completion from the warehouse, read
// only and without waiting; it offers nothing when there is none.
func (a *app) completeFromWarehouse(cmd *cobra.Command, q string) []cobra.Completion {
	if err := a.loadConfig(cmd); err != nil {
		return nil
	}
	path := a.cfg.Warehouse
	if f := cmd.Flag("warehouse"); f != nil && f.Changed { // cobra's completion parses flags late
		path = f.Value.String()
	}
	opts := a.openOptions(true, "")
	opts.Wait = 0
	w, err := warehouse.Open(cmd.Context(), path, opts)
	if err != nil {
		return nil
	}
	defer w.Close()
	_, rows, err := w.Query(cmd.Context(), q)
	if err != nil {
		return nil
	}
	out := make([]cobra.Completion, 0, len(rows))
	for _, r := range rows {
		if s, ok := r[0].(string); ok {
			out = append(out, s)
		}
	}
	return out
}
