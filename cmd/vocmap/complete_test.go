package main

import (
	"strings"
	"testing"
)

func TestVersionAndCompletion(t *testing.T) {
	code, stdout, _ := run(t, "--version")
	if code != 0 || !strings.HasPrefix(stdout, "vocmap ") || !strings.Contains(stdout, "data contract v") {
		t.Errorf("--version: exit %d %q", code, stdout)
	}
	if _, v, _ := run(t, "version"); v != stdout {
		t.Errorf("version %q and --version %q differ", v, stdout)
	}
	wh := okWarehouse(t)
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2024-12", "--out", t.TempDir()); code != 0 {
		t.Fatalf("run: exit %d %s", code, errs)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"export", "warnings", "--period", ""}, []string{"2024-12\n"}},
		{[]string{"explain", "--period", "20"}, []string{"2024-12\n"}},
		{[]string{"export", "warnings", "--period", "2024-12", "--region", ""}, []string{"140000\t山西省\n", "140100\t太原市\n"}},
		{[]string{"export", "warnings", "--level", ""}, []string{"secondary\t中职\n", "bachelor\t职业本科\n"}},
		{[]string{"sql", "--format", ""}, []string{"table\n", "csv\n", "json\n"}},
		{[]string{"--lang", ""}, []string{"zh\t中文\n", "en\tEnglish\n"}},
	} {
		args := append([]string{"__complete", "--warehouse", wh}, c.args...)
		code, stdout, errs := run(t, args...)
		for _, w := range c.want {
			if code != 0 || !strings.Contains(stdout, w) {
				t.Errorf("%v: exit %d, no %q in\n%s%s", c.args, code, w, stdout, errs)
			}
		}
	}
}

// TestHelpHeadings: cobra's headings follow the chosen language too.
func TestHelpHeadings(t *testing.T) {
	for _, c := range []struct {
		args      []string
		want, not []string
	}{
		{[]string{"--lang", "zh", "run", "--help"}, []string{"用法：", "选项：", "全局选项：", "显示帮助"}, []string{"Usage:", "Flags:", "help for"}},
		{[]string{"--lang", "en", "run", "--help"}, []string{"Usage:", "Flags:", "Global Flags:", "show this help"}, []string{"用法", "选项"}},
		{[]string{"run", "--help"}, []string{"用法： Usage:", "选项： Flags:"}, nil},
	} {
		code, stdout, _ := run(t, c.args...)
		for _, w := range c.want {
			if code != 0 || !strings.Contains(stdout, w) {
				t.Errorf("%v: exit %d, no %q", c.args, code, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(stdout, w) {
				t.Errorf("%v: %q in\n%s", c.args, w, stdout)
			}
		}
	}
}
