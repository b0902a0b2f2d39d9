package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// jsonLines parses every line of stderr as a JSON object.
func jsonLines(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for i, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("stderr line %d is not JSON (%v): %q\nstderr:\n%s", i+1, err, l, stderr)
		}
		out = append(out, m)
	}
	return out
}

// TestJSONStderr: with --log-format json, every line on stderr is a JSON
// object: a rejected ingest's summary and each of its errors (with file,
// row, column and rule), a failing command's error and usage hint, a
// config error.
func TestJSONStderr(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	code, _, stderr := run(t, "--log-format", "json", "--warehouse", wh, "ingest", "--data", badDataset(t))
	if code != exitRejected {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	recs := jsonLines(t, stderr)
	var summary, rowErr map[string]any
	for _, r := range recs {
		switch r["event"] {
		case "rejected":
			summary = r
		case "row_error":
			rowErr = r
		}
	}
	if summary == nil || summary["level"] != "ERROR" || summary["errors"] != 1.0 || summary["exit_code"] != 3.0 ||
		!strings.HasPrefix(summary["msg"].(string), "输入被拒绝：1 个错误") {
		t.Errorf("summary record: %v", summary)
	}
	if rowErr == nil || !strings.HasSuffix(rowErr["file"].(string), "/enrollments.csv") || rowErr["row"] != 2.0 || rowErr["column"] != "planned_intake" ||
		rowErr["rule"] != "min" || !strings.HasSuffix(rowErr["msg"].(string), "enrollments.csv:2:planned_intake: 应 ≥ 0，实为 -5") {
		t.Errorf("row error record: %v\n%s", rowErr, stderr)
	}

	code, _, stderr = run(t, "--log-format", "json", "--warehouse", wh, "runs", "show", "nope")
	if code != exitUsage {
		t.Fatalf("exit %d, want 2\n%s", code, stderr)
	}
	recs = jsonLines(t, stderr)
	if len(recs) != 2 || recs[0]["event"] != "error" || recs[0]["exit_code"] != 2.0 || recs[0]["error"] != "没有运行 nope（vocmap runs list 列出全部运行）。" ||
		recs[1]["event"] != "usage_hint" || recs[1]["msg"] != "用法见 vocmap runs show --help" {
		t.Errorf("records: %v", recs)
	}

	// asked for by the environment, before the flags are parsed: a bad flag
	t.Setenv("VOCMAP_LOG_FORMAT", "json")
	code, _, stderr = run(t, "--nosuchflag", "version")
	if recs := jsonLines(t, stderr); code != exitUsage || len(recs) != 2 || recs[0]["error"] != "unknown flag: --nosuchflag" {
		t.Errorf("exit %d, records %v", code, recs)
	}
	// a config error: one record per error with where, key and code, then the whole
	t.Setenv("VOCMAP_QUIET", "yes")
	t.Setenv("VOCMAP_RUN_DRAWS", "5")
	code, _, stderr = run(t, "config", "show")
	recs = jsonLines(t, stderr)
	if code != exitUsage || len(recs) != 4 {
		t.Fatalf("exit %d, %d records:\n%s", code, len(recs), stderr)
	}
	if r := recs[0]; r["event"] != "config_error" || r["where"] != "env VOCMAP_QUIET" || r["key"] != "quiet" || r["code"] != "type" {
		t.Errorf("first config error: %v", r)
	}
	if r := recs[1]; r["event"] != "config_error" || r["key"] != "run.draws" || r["code"] != "range" || r["msg"] != "配置错误：环境变量 VOCMAP_RUN_DRAWS：run.draws：5：须在 10 与 100000 之间" {
		t.Errorf("second config error: %v", r)
	}
}

// TestRunsListErrorSummary: runs list shows the first line of a failed
// run's error, runs show all of it.
func TestRunsListErrorSummary(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", "testdata/ok"); code != 0 {
		t.Fatal(errs)
	}
	t.Setenv("VOCMAP_RUN_HORIZON", "2024") // fails in the demand stage with a one-line error
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2024-12", "--out", t.TempDir()); code != exitUsage {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	code, out, errs := run(t, "--warehouse", wh, "runs", "list", "--format", "json")
	var runs []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &runs) != nil || len(runs) != 1 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if got, want := runs[0]["error"], "job: the industry map of 140000 reaches 2024, past the horizon 2024"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if got := errorSummary("第一行\n第二行"); got != "第一行…" {
		t.Errorf("errorSummary of two lines = %q", got)
	}
	if got := errorSummary(strings.Repeat("错", 100)); got != strings.Repeat("错", 79)+"…" {
		t.Errorf("errorSummary of 100 characters = %q", got)
	}
}

// TestHelpLanguage: help shows the chosen language only, and both when
// none is chosen.
func TestHelpLanguage(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		want, not []string
	}{
		{[]string{"--lang", "en", "ingest", "--help"},
			[]string{"Checks a dataset folder against the data contract", "the dataset folder", "language of messages and outputs"},
			[]string{"检查数据集文件夹", "数据集文件夹 /", "语言"}},
		{[]string{"--lang", "zh", "ingest", "--help"},
			[]string{"检查数据集文件夹（每张表一个 CSV、XLSX 或 Parquet 文件）", "数据集文件夹", "语言 zh|en"},
			[]string{"Checks a dataset folder", "the dataset folder", " / "}},
		{[]string{"ingest", "--help"},
			[]string{"检查数据集文件夹", "Checks a dataset folder", "数据集文件夹 / the dataset folder"}, nil},
	} {
		code, out, errs := run(t, tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", tc.args, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: help lacks %q:\n%s", tc.args, w, out)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(out, w) {
				t.Errorf("%v: help has %q:\n%s", tc.args, w, out)
			}
		}
	}
	if got := pickLang("  vocmap demo   # 用内置数据跑一遍 / run on the embedded data", "en"); got != "  vocmap demo   # run on the embedded data" {
		t.Errorf("example line in en: %q", got)
	}
}
