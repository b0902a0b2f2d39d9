package warehouse

import "strings"

// QuoteIdent quotes a DuckDB identifier (a table or column name) so that
// any text, quotes and NUL aside, names exactly itself. It is the one
// place where names that cannot be bound as parameters enter SQL.
func QuoteIdent(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// QuoteString quotes a DuckDB string literal, for the few places (file
// paths in table functions, IN lists of constants) where a value cannot be
// bound.
func QuoteString(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	return `'` + strings.ReplaceAll(s, `'`, `''`) + `'`
}
