package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/datasets"
)

// What vocmap prints on stderr for a person goes through say, sayLine,
// rowError and the error report of fail: plain lines with --log-format
// text, one JSON object a line with --log-format json (the records the
// job's slog logger writes, so that `jq` reads the whole stream). Each
// JSON record has "msg" (the text in the user's language) and "event"
// (the message's key, stable for scripts).

// jsonStderr reports whether stderr carries JSON lines.
func (a *app) jsonStderr() bool { return a.logFormat == "json" }

// notes writes the CLI's own records: JSON, never filtered by --quiet
// (what is quiet is decided before a note is written, as in text mode).
func (a *app) notes() *slog.Logger {
	return slog.New(slog.NewJSONHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// say prints the message key on stderr.
func (a *app) say(key string, args ...any) {
	a.sayAt(slog.LevelInfo, key, nil, args...)
}

// sayAt prints the message key at level, with attrs in JSON.
func (a *app) sayAt(level slog.Level, key string, attrs []slog.Attr, args ...any) {
	a.sayText(level, key, a.msg(key, args...), attrs...)
}

// sayText prints text, the message of event, at level.
func (a *app) sayText(level slog.Level, event, text string, attrs ...slog.Attr) {
	if !a.jsonStderr() {
		fmt.Fprintln(a.stderr, text)
		return
	}
	attrs = append([]slog.Attr{slog.String("event", event)}, attrs...)
	a.notes().LogAttrs(context.Background(), level, text, attrs...)
}

// sayLine prints a line that belongs to the message key before it (a
// list item) on stderr.
func (a *app) sayLine(key, line string, attrs ...slog.Attr) {
	if !a.jsonStderr() {
		fmt.Fprintln(a.stderr, "  "+line)
		return
	}
	a.notes().LogAttrs(context.Background(), slog.LevelWarn, line, append([]slog.Attr{slog.String("event", key)}, attrs...)...)
}

// rowError prints one error or warning of a dataset: file:row:column:
// message in text, a record with file, row, column and rule in JSON.
func (a *app) rowError(e *datasets.RowError, indent string) {
	lang := datasets.Lang(a.lang)
	if !a.jsonStderr() {
		fmt.Fprintln(a.stderr, indent+e.Format(lang))
		return
	}
	level, event := slog.LevelError, "row_error"
	if e.Warning {
		level, event = slog.LevelWarn, "row_warning"
	}
	a.notes().LogAttrs(context.Background(), level, e.Format(lang), slog.String("event", event),
		slog.String("file", e.File), slog.Int("row", e.Row), slog.String("column", e.Column), slog.String("rule", e.Rule))
}

// sayError prints the error a command ended with: "错误：…" in text; in
// JSON one record per config error (where, key, code) and one for the
// whole, with the exit code.
func (a *app) sayError(err error, code int) {
	text := a.errorText(err)
	if !a.jsonStderr() {
		fmt.Fprintln(a.stderr, a.msg("error", text))
		return
	}
	for _, e := range leaves(err) {
		if ce, ok := e.(*config.Error); ok {
			a.notes().LogAttrs(context.Background(), slog.LevelError, a.configText(ce), slog.String("event", "config_error"),
				slog.String("where", ce.Where), slog.String("key", ce.Key), slog.String("code", ce.Code))
		}
	}
	a.notes().LogAttrs(context.Background(), slog.LevelError, a.msg("error", text), slog.String("event", "error"),
		slog.String("error", text), slog.Int("exit_code", code))
}

// leaves lists the errors err joins, through usage errors, or err alone.
func leaves(err error) []error {
	if ue, ok := err.(*usageError); ok {
		return leaves(ue.err)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// guessLogFormat reads --log-format and VOCMAP_LOG_FORMAT before flags
// are parsed, so that even a usage error is written as JSON when asked.
func guessLogFormat(args []string) string {
	f := os.Getenv(config.EnvVar("log_format"))
	for i, s := range args {
		switch {
		case s == "--":
			return jsonOrText(f)
		case s == "--log-format" && i+1 < len(args):
			f = args[i+1]
		case strings.HasPrefix(s, "--log-format="):
			f = strings.TrimPrefix(s, "--log-format=")
		}
	}
	return jsonOrText(f)
}

func jsonOrText(f string) string {
	if f == "json" {
		return "json"
	}
	return "text"
}
