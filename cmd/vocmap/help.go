package main

import (
	"os"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vocmap/vocmap/config"
)

// The help texts of the commands and flags are written in both languages:
// "中文 / English" on one line, or Chinese paragraphs followed by English
// ones. When the user chose a language (--lang, or VOCMAP_LANG), help
// shows that language only; with no choice it shows both.

// langChosen reports whether args or the environment choose a language.
func langChosen(args []string) bool {
	if _, ok := os.LookupEnv(config.EnvVar("lang")); ok {
		return true
	}
	for _, s := range args {
		if s == "--" {
			break
		}
		if s == "--lang" || strings.HasPrefix(s, "--lang=") {
			return true
		}
	}
	return false
}

// setHelp makes help print only the chosen language, when one is chosen.
func (a *app) setHelp(root *cobra.Command) {
	show := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		switch {
		case langChosen(a.args) && guessLang(a.args) == "zh":
			localizeHelp(root, "zh")
			root.SetUsageTemplate(usageLabels(root.UsageTemplate(), func(zh, _ string) string { return zh }))
		case langChosen(a.args):
			localizeHelp(root, "en")
		default:
			root.SetUsageTemplate(usageLabels(root.UsageTemplate(), func(zh, en string) string { return zh + " " + en }))
		}
		show(c, args)
	})
}

// usageLabels translates the headings of cobra's usage template ("Usage:",
// "Flags:" …) with label(zh, en).
func usageLabels(tmpl string, label func(zh, en string) string) string {
	for _, l := range []struct{ en, zh string }{
		{"Usage:", "用法："}, {"Aliases:", "别名："}, {"Examples:", "示例："},
		{"Available Commands:", "命令："}, {"Additional Commands:", "其他命令："},
		{"Global Flags:", "全局选项："}, {"Flags:", "选项："},
		{"Additional help topics:", "其他帮助主题："},
	} {
		tmpl = strings.ReplaceAll(tmpl, "\n"+l.en, "\n"+label(l.zh, l.en))
		tmpl = strings.ReplaceAll(tmpl, "}}"+l.en, "}}"+label(l.zh, l.en))
		if strings.HasPrefix(tmpl, l.en) {
			tmpl = label(l.zh, l.en) + strings.TrimPrefix(tmpl, l.en)
		}
	}
	return strings.ReplaceAll(tmpl, `Use "{{.CommandPath}} [command] --help" for more information about a command.`,
		label(`运行 "{{.CommandPath}} [命令] --help" 查看命令的详细说明。`, `Use "{{.CommandPath}} [command] --help" for more information about a command.`))
}

// localizeHelp keeps the lang part of every help text under root.
func localizeHelp(root *cobra.Command, lang string) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Short = pickLang(c.Short, lang)
		c.Long = pickLang(c.Long, lang)
		c.Example = pickLang(c.Example, lang)
		for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) { f.Usage = pickLang(f.Usage, lang) })
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// pickLang keeps the lang part of a bilingual text: of each line that
// reads "中文 / English", the half in lang (with what comes before the
// Chinese, such as an example's command); of paragraphs, those in lang
// (a paragraph is Chinese when it holds Chinese characters); lines and
// paragraphs in one language only are kept whatever lang is, when the
// text has nothing in the other.
func pickLang(s, lang string) string {
	if !strings.Contains(s, "\n") {
		return pickLine(s, lang)
	}
	var paras [][]string
	var cur []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			if cur != nil {
				paras = append(paras, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		paras = append(paras, cur)
	}
	// Lines in one language each: keep those of lang; a text with none
	// in lang (Chinese-only examples) stays whole.
	var zh, en []string
	for _, p := range paras {
		var pz, pe []string
		for _, l := range p {
			switch {
			case bilingual(l):
				pz, pe = append(pz, pickLine(l, "zh")), append(pe, pickLine(l, "en"))
			case hasHan(l):
				pz = append(pz, l)
			case isExample(l):
				pz, pe = append(pz, l), append(pe, l)
			default:
				pe = append(pe, l)
			}
		}
		if pz != nil {
			zh = append(zh, strings.Join(pz, "\n"))
		}
		if pe != nil {
			en = append(en, strings.Join(pe, "\n"))
		}
	}
	out := zh
	if lang == "en" {
		out = en
	}
	if len(out) == 0 {
		return s
	}
	return strings.Join(out, "\n\n")
}

// isExample reports whether a line is an example command (both languages
// keep it).
func isExample(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "vocmap ") || strings.HasPrefix(t, "VOCMAP_")
}

// bilingual reports whether a line reads "中文 / English".
func bilingual(l string) bool {
	_, _, ok := splitLine(l)
	return ok
}

// pickLine keeps the lang half of a "中文 / English" line.
func pickLine(l, lang string) string {
	prefix, rest, ok := splitLine(l)
	if !ok {
		return l
	}
	zh, en, _ := strings.Cut(rest, "\x00")
	if lang == "en" {
		return prefix + en
	}
	return prefix + zh
}

// splitLine finds the " / " (or "）/ ") that parts Chinese from English in
// a line: what comes before the first Chinese character, then the Chinese
// and the English separated by a NUL.
func splitLine(l string) (prefix, rest string, ok bool) {
	for i := 0; ; {
		j := strings.Index(l[i:], "/ ")
		if j < 0 {
			return "", "", false
		}
		j += i
		left, right := l[:j], l[j+2:]
		if hasHan(left) && !hasHan(right) && strings.TrimSpace(right) != "" {
			k := strings.IndexFunc(left, isHan)
			return left[:k], strings.TrimRight(left[k:], " ") + "\x00" + right, true
		}
		i = j + 2
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func hasHan(s string) bool { return strings.IndexFunc(s, isHan) >= 0 }
