package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodeTable runs each case of the exit-code table of
// docs/operations.md (section 5) through the real command and checks the
// code and what stderr says, in Chinese (the default) and, where the case
// says so, in English.
func TestExitCodeTable(t *testing.T) {
	wh := demoWarehouse(t) // read only here: every case that writes has its own warehouse
	small := filepath.Join(t.TempDir(), "small.duckdb")
	if code, _, errs := run(t, "--warehouse", small, "--quiet", "ingest", "--data", "testdata/ok"); code != 0 {
		t.Fatal(errs)
	}
	none := filepath.Join(t.TempDir(), "none.duckdb")
	badConfig := filepath.Join(t.TempDir(), "vocmap.yaml")
	if err := os.WriteFile(badConfig, []byte("warehous: x.duckdb\nquiet: maybe\nrun:\n  horizon: 1999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	region := filepath.Join(t.TempDir(), "region.csv")
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want []string // in stderr
	}{
		{name: "ok", args: []string{"version"}, code: exitOK},
		// 1: a failure
		{name: "no data to run on", args: []string{"--warehouse", filepath.Join(t.TempDir(), "empty.duckdb"), "run", "--period", "2025-12", "--out", t.TempDir()},
			code: exitFailure, want: []string{"错误：仓库中还没有数据：请先载入数据集"}},
		{name: "no warehouse", args: []string{"--warehouse", none, "sql", "SELECT 1"}, code: exitFailure, want: []string{"找不到仓库"}},
		// 2: usage and configuration
		{name: "unknown flag", args: []string{"--nosuchflag", "version"}, code: exitUsage, want: []string{"unknown flag: --nosuchflag", "用法见 vocmap --help"}},
		{name: "env of the wrong type", env: map[string]string{"VOCMAP_QUIET": "yes"}, args: []string{"config", "show"},
			code: exitUsage, want: []string{`错误：配置错误：环境变量 VOCMAP_QUIET：quiet："yes"：应为 true 或 false`, "用法见 vocmap config show --help"}},
		{name: "env of the wrong type, en", env: map[string]string{"VOCMAP_QUIET": "yes"}, args: []string{"--lang", "en", "config", "show"},
			code: exitUsage, want: []string{`error: config: env VOCMAP_QUIET: quiet: "yes": must be true or false`, "see vocmap config show --help"}},
		{name: "three errors in a config file", args: []string{"--config", badConfig, "config", "show"}, code: exitUsage, want: []string{
			`配置错误：` + badConfig + `：warehous：未知的配置项（是否想写 "warehouse"？）`,
			`配置错误：配置文件 ` + badConfig + `：quiet："maybe"：应为 true 或 false`,
			`配置错误：配置文件 ` + badConfig + `：run.horizon：1999：须为 2000 至 2100 之间的年份`}},
		{name: "config show refuses a preset run refuses", env: map[string]string{"VOCMAP_RULES_PRESET": "nope"}, args: []string{"config", "show"},
			code: exitUsage, want: []string{`环境变量 VOCMAP_RULES_PRESET：rules.preset："nope"：没有这个规则预设（可选：ministry, shanxi_2025, tianjin, anhui, bottom_10）`}},
		{name: "config show refuses a forecasting method", env: map[string]string{"VOCMAP_RUN_DEMAND_METHOD": "magic"}, args: []string{"--lang", "en", "config", "show"},
			code: exitUsage, want: []string{`env VOCMAP_RUN_DEMAND_METHOD: run.demand_method: "magic": no such forecasting method`}},
		{name: "horizon before the data's last year", env: map[string]string{"VOCMAP_RUN_HORIZON": "2024"},
			args: []string{"--warehouse", small, "--quiet", "run", "--period", "2024-12", "--out", t.TempDir()},
			code: exitUsage, want: []string{"配置错误：环境变量 VOCMAP_RUN_HORIZON：run.horizon：2024：预测终点须晚于数据的最后一年（140000 的产业地图到 2024 年）"}},
		{name: "no such program", args: []string{"--warehouse", wh, "explain", "--period", "2025-12", "--program", "999999"},
			code: exitUsage, want: []string{"错误：期次 2025-12 的运行中没有专业 999999", "用法见 vocmap explain --help"}},
		{name: "no such program, en", args: []string{"--warehouse", wh, "--lang", "en", "explain", "--period", "2025-12", "--program", "999999"},
			code: exitUsage, want: []string{"error: the run of period 2025-12 has no program 999999"}},
		{name: "no such scenario", args: []string{"--warehouse", wh, "scenario", "diff", "--period", "2025-12", "--scenario", "nope"},
			code: exitUsage, want: []string{"错误：期次 2025-12 没有名为 nope 的成功情景运行"}},
		{name: "no run for the period", args: []string{"--warehouse", wh, "export", "warnings", "--period", "2020-01", "--out", filepath.Join(t.TempDir(), "x.csv")},
			code: exitUsage, want: []string{"错误：期次 2020-01 还没有成功的运行"}},
		{name: "no such region", args: []string{"--warehouse", wh, "export", "warnings", "--period", "2025-12", "--region", "629999", "--out", region},
			code: exitUsage, want: []string{"错误：不存在的地区 629999"}},
		{name: "no such region, en", args: []string{"--warehouse", wh, "--lang", "en", "export", "warnings", "--period", "2025-12", "--region", "629999", "--out", region},
			code: exitUsage, want: []string{"error: no such region 629999"}},
		{name: "no such run", args: []string{"--warehouse", wh, "runs", "show", "1999-01-r9"}, code: exitUsage, want: []string{"错误：没有运行 1999-01-r9"}},
		{name: "no such snapshot", args: []string{"--warehouse", small, "run", "--period", "2024-12", "--snapshot", "99", "--out", t.TempDir()},
			code: exitUsage, want: []string{"错误：没有快照 #99"}},
		{name: "bad period", args: []string{"--warehouse", wh, "run", "--period", "2025-13"}, code: exitUsage, want: []string{"YYYY-MM"}},
		// 3: input rejected
		{name: "no data folder", args: []string{"validate", "--data", "/nonexistent"}, code: exitRejected,
			want: []string{"输入被拒绝：1 个错误", "/nonexistent: 数据集文件夹不存在"}},
		{name: "a bad cell", args: []string{"validate", "--data", badDataset(t)}, code: exitRejected, want: []string{"输入被拒绝", "enrollments.csv:2:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			code, _, stderr := run(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
	if _, err := os.Stat(region); !os.IsNotExist(err) {
		t.Errorf("export warnings for no such region wrote %s (%v)", region, err)
	}
}
