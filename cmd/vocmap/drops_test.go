package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The tests of this file cover the "data drops" issue end to end: the
// Shanxi demo dataset written into a temporary folder (shanxiData), broken
// the way a provincial office breaks it, and checked with the real
// commands.

// TestDataFolderNotThere checks that a --data folder that does not exist,
// or a path that is a file, is input rejected (exit 3) with one error that
// names the path, for validate, ingest and run --data; it used to exit 1
// with "warehouse: read dataset folder: open …: no such file or directory".
func TestDataFolderNotThere(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "2025-12")
	file := filepath.Join(tmp, "regions.csv")
	write(t, file, []byte("region_code,name,parent_code,level\n"))
	cases := []struct {
		dir    string
		en, zh string
	}{
		{missing, missing + ": the dataset folder does not exist: check the path\n", missing + ": 数据集文件夹不存在：请检查路径\n"},
		{file, file + ": not a folder: a dataset is a folder with one file per table\n", file + ": 不是文件夹：数据集是一个文件夹，每张表一个文件\n"},
	}
	for _, c := range cases {
		for _, cmd := range [][]string{{"validate"}, {"ingest"}, {"run", "--period", "2024-12"}} {
			for _, lang := range []string{"en", "zh"} {
				wh := filepath.Join(t.TempDir(), "w.duckdb")
				args := append([]string{"--warehouse", wh, "--lang", lang}, cmd...)
				code, out, errs := run(t, append(args, "--data", c.dir)...)
				if code != exitRejected {
					t.Errorf("%s --data %s (%s): exit %d, want 3\nstdout: %s\nstderr: %s", cmd[0], c.dir, lang, code, out, errs)
					continue
				}
				want := c.en
				if lang == "zh" {
					want = c.zh
				}
				if !strings.Contains(errs, want) {
					t.Errorf("%s --data %s (%s): stderr lacks %q:\n%s", cmd[0], c.dir, lang, want, errs)
				}
			}
		}
	}
}
