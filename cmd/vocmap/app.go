package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
)

// Exit codes, documented in README.md; schedulers act on them.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitRejected    = 3
	exitLocked      = 4
	exitNoNewData   = 5   // run --require-new-data: the data were already used
	exitInterrupted = 130 // SIGINT
	exitTerminated  = 143 // SIGTERM
)

// signalCause is the cause of a context cancelled by a signal.
type signalCause struct{ sig os.Signal }

func (s signalCause) Error() string { return "stopped by signal " + s.sig.String() }

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// app is the state shared by the commands of one invocation.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	cfg            *config.Config
	sources        []config.Source
	lang           string
	log            *slog.Logger
	configFile     string
	args           []string
	ctx            context.Context
	// logFormat is "text" or "json": how stderr is written.
	logFormat string
	// stageHook, when set, receives a scenario run's stages (the
	// workbench's progress).
	stageHook func(string)
}

// usageError marks a mistake in how vocmap was called (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// Main runs vocmap with args and returns the exit code. Commands are
// testable in-process by calling Main with buffers.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, lang: guessLang(args), args: args, ctx: ctx, logFormat: guessLogFormat(args)}
	a.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if a.jsonStderr() {
		a.log = slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	return a.fail(root, err)
}

// fail prints err for a person and returns its exit code.
func (a *app) fail(root *cobra.Command, err error) int {
	var oe *export.OutputError
	if errors.As(err, &oe) { // an output path that is not a regular file: a usage mistake
		err = &usageError{errors.New(oe.Format(a.lang))}
	}
	var rej *datasets.RejectedError
	var ue *usageError
	var ce *config.Error
	if code, ok := a.interrupted(err); ok {
		a.sayAt(slog.LevelError, "interrupted", []slog.Attr{slog.Int("exit_code", code)})
		if !isInterrupt(err) { // what else went wrong on the way out
			a.sayError(err, code)
		}
		return code
	}
	var nd *job.NoNewDataError
	switch {
	case errors.As(err, &nd):
		a.sayText(slog.LevelWarn, "no_new_data", a.noNewDataText(nd), slog.Int("exit_code", exitNoNewData))
		return exitNoNewData
	case errors.As(err, &rej):
		a.printRejected(rej)
		return exitRejected
	case errors.Is(err, errLocked):
		a.sayError(err, exitLocked)
		return exitLocked
	case errors.As(err, &ue), errors.As(err, &ce), isCobraUsage(err):
		a.sayError(err, exitUsage)
		name := ""
		if c, _, ferr := root.Find(a.args); ferr == nil && c != root {
			name = " " + c.CommandPath()[len("vocmap "):]
		}
		a.say("usage_hint", name)
		return exitUsage
	}
	a.sayError(err, exitFailure)
	return exitFailure
}

// interrupted returns the exit code of a command that failed with err
// after a signal, or because it was cancelled: 143 after SIGTERM and 130
// after SIGINT whatever err is (a signal can surface as a context error,
// as DuckDB's interrupt, or as whatever the step it cut short reports),
// and 130 for a cancellation without a signal.
func (a *app) interrupted(err error) (int, bool) {
	var sc signalCause
	if errors.As(context.Cause(a.ctx), &sc) {
		if sc.sig == syscall.SIGTERM {
			return exitTerminated, true
		}
		return exitInterrupted, true
	}
	if isInterrupt(err) {
		return exitInterrupted, true
	}
	return 0, false
}

// isInterrupt reports whether err is a cancellation: the context's error,
// or DuckDB's interrupt, which duckdb-go returns alone (without the
// context's error) when the cancellation reaches a statement while it is
// being prepared.
func isInterrupt(err error) bool {
	var de *duckdb.Error
	return errors.Is(err, context.Canceled) || errors.As(err, &de) && de.Type == duckdb.ErrorTypeInterrupt
}

func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "required flag"} {
		if strings.HasPrefix(s, p) || strings.Contains(s, "required flag(s)") {
			return true
		}
	}
	return false
}

// printRejected prints a rejected dataset's summary, then each error (in
// JSON: one record per error with its file, row, column and rule, after
// the summary record, which counts them).
func (a *app) printRejected(rej *datasets.RejectedError) {
	a.sayAt(slog.LevelError, "rejected", []slog.Attr{slog.Int("errors", len(rej.Errors)+rej.More), slog.Int("exit_code", exitRejected)},
		len(rej.Errors)+rej.More)
	for _, e := range rej.Errors {
		a.rowError(e, "")
	}
	if rej.More > 0 {
		a.sayAt(slog.LevelError, "rejected_more", []slog.Attr{slog.Int("more", rej.More)}, rej.More)
	}
	// Warnings do not stop a load: after the errors, only their count, so
	// that the first screen holds what must be fixed.
	if n := len(rej.Warnings); n > 0 {
		a.sayAt(slog.LevelWarn, "rejected_warnings", []slog.Attr{slog.Int("warnings", n)}, n)
	}
}

// guessLang reads --lang and VOCMAP_LANG before flags are parsed, so that
// even a usage error is printed in the user's language.
func guessLang(args []string) string {
	lang := "zh"
	if v := os.Getenv(config.EnvVar("lang")); v == "en" {
		lang = "en"
	}
	for i, s := range args {
		switch {
		case s == "--lang" && i+1 < len(args):
			lang = args[i+1]
		case strings.HasPrefix(s, "--lang="):
			lang = strings.TrimPrefix(s, "--lang=")
		}
	}
	if lang != "en" {
		lang = "zh"
	}
	return lang
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "vocmap",
		Short: "职业教育专业布局与产业需求匹配引擎 / vocational program layout against industry demand",
		Long: `vocmap 把省级产业地图（分地市、分行业的从业人员与增加值）、毕业生去向和专业招生数据
载入 DuckDB 仓库，预测人才需求与毕业生供给，为每个专业打分，并输出预警名单与报告。

vocmap joins a province's industry map, graduates' outcomes and program
enrollments in a DuckDB warehouse, forecasts talent demand and graduate
supply, scores every program and exports warning lists and reports.

退出码：0 成功，1 失败，2 用法或配置错误，3 输入被拒绝，4 仓库被占用，5 没有新数据（--require-new-data），
130 中断（SIGINT），143 被终止（SIGTERM）。运维手册：docs/operations.md 第 5 节。

Exit codes: 0 ok, 1 failure, 2 usage or config error, 3 input rejected,
4 warehouse busy, 5 no new data (--require-new-data), 130 interrupted
(SIGINT), 143 terminated (SIGTERM). Operations: docs/operations.md, section 5.`,
		Example: `  vocmap demo                                  # 用内置山西数据跑一遍 / run on the embedded Shanxi data
  vocmap validate --data ./drop/2025-12 --report errors.xlsx
  vocmap ingest --data ./drop/2025-12
  vocmap sql --format csv "SELECT * FROM programs LIMIT 5"
  vocmap datasets template --out ./templates
  vocmap --lang en config show`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.loadConfig(cmd)
		},
	}
	pf := root.PersistentFlags()
	pf.String("warehouse", "./vocmap.duckdb", "仓库文件（DuckDB）/ the warehouse file (DuckDB)")
	pf.StringVar(&a.configFile, "config", "", "配置文件（默认 ./vocmap.yaml）/ config file (default ./vocmap.yaml if present)")
	pf.String("lang", "zh", "语言 zh|en / language of messages and outputs")
	pf.String("log-format", "text", "日志格式 text|json / log format on stderr")
	pf.Bool("quiet", false, "不显示进度与提示 / no progress or informational messages")
	pf.Duration("wait", 3*time.Minute, "仓库被占用时最多等待多久 / how long to wait while the warehouse is busy")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	a.setHelp(root)
	root.AddCommand(a.ingestCmd(), a.validateCmd(), a.sqlCmd(), a.datasetsCmd(), a.demoCmd(), a.runCmd(), a.exportCmd(), a.explainCmd(), a.rulesCmd(), a.changesCmd(), a.reportCmd(), a.scenarioCmd(), a.planCmd(), a.runsCmd(), a.snapshotsCmd(), a.forecastCmd(), a.configCmd(), a.usersCmd(), a.serveCmd(), a.versionCmd())
	a.addConventions(root)
	return root
}

func (a *app) loadConfig(cmd *cobra.Command) error {
	cfg, sources, err := config.Load(viper.New(), config.LoadOptions{File: a.configFile, Flags: cmd.Flags(), Check: checkConfig})
	if err != nil {
		return err
	}
	a.cfg, a.sources, a.lang, a.logFormat = cfg, sources, cfg.Lang, cfg.LogFormat
	level := slog.LevelInfo
	if cfg.Quiet {
		level = slog.LevelWarn
	}
	hopts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		a.log = slog.New(slog.NewJSONHandler(a.stderr, hopts))
	} else {
		a.log = slog.New(slog.NewTextHandler(a.stderr, hopts))
	}
	return nil
}

// interactive reports whether progress should be drawn: stderr is a
// terminal and the user did not ask for quiet.
func (a *app) interactive() bool {
	if a.cfg != nil && a.cfg.Quiet {
		return false
	}
	f, ok := a.stderr.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress returns a per-table progress callback, or nil when progress is
// not shown.
func (a *app) progress() func(string, int64) {
	if !a.interactive() {
		return nil
	}
	return func(table string, rows int64) {
		a.say("progress_table", table, export.GroupDigits(strconv.FormatInt(rows, 10)))
	}
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		return &usageError{err}
	}
	return nil
}

func requireFlag(cmd *cobra.Command, name string) error {
	if v, _ := cmd.Flags().GetString(name); v == "" {
		return &usageError{fmt.Errorf("required flag --%s is missing", name)}
	}
	return nil
}
