package warehouse

import (
	"embed"
	"fmt"
	"strings"
	"text/template"
)

// SQL templates. Most embedded .sql files are plain SQL with bound values
// ($1, ?). A statement that Go must complete — a table chosen at run
// time, a staging relation, conditions generated from the contract's
// columns — is an embedded .sql file written as a text/template: the
// fixed SQL stays in the file, which shows where each generated part goes
// and how it is quoted:
//
//	{{ident .Column}}  a quoted identifier (QuoteIdent)
//	{{qname .Table}}   a quoted qualified name: results.warnings is "results"."warnings"
//	{{str .Pattern}}   a quoted string literal (QuoteString), for the few
//	                   constants a table function or pattern cannot bind
//	{{.Cond}}          SQL text that Go generated (a condition, a list),
//	                   inserted as it is: its parts were quoted when made
//
// Values a query compares with are still bound, never written into the
// text. A template that names a field or function it is not given is an
// error (missingkey=error), not an empty string.

// SQLFuncs are the quoting functions every SQL template may call.
var SQLFuncs = template.FuncMap{
	"ident": QuoteIdent,
	"qname": QuoteName,
	"str":   QuoteString,
}

// QuoteName quotes a name that may be qualified by its schema (and
// catalog): each part separated by a dot is an identifier of its own.
func QuoteName(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = QuoteIdent(p)
	}
	return strings.Join(parts, ".")
}

// ExpandSQL executes the SQL template text (name is its file, for
// errors) on data, with SQLFuncs and funcs (which may add functions or
// replace them).
func ExpandSQL(name, text string, data any, funcs template.FuncMap) (string, error) {
	t := template.New(name).Option("missingkey=error").Funcs(SQLFuncs)
	if funcs != nil {
		t = t.Funcs(funcs)
	}
	t, err := t.Parse(text)
	if err != nil {
		return "", fmt.Errorf("warehouse: %s: %w", name, err)
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("warehouse: %s: %w", name, err)
	}
	return b.String(), nil
}

//go:embed sql/*.sql
var stmtFS embed.FS

// stmt returns the embedded statement sql/name: the warehouse's own
// statements over its snapshots (the checks are in checks/, the schema in
// migrations/).
func stmt(name string) string {
	b, err := stmtFS.ReadFile("sql/" + name)
	if err != nil {
		panic(err) // the files are embedded: a missing one is a build error (TestStatementFiles)
	}
	return string(b)
}

// stmtT expands the SQL template sql/name on data.
func stmtT(name string, data any) string {
	q, err := ExpandSQL("sql/"+name, stmt(name), data, nil)
	if err != nil {
		panic(err) // the templates are embedded: TestStatementFiles expands every one
	}
	return q
}
