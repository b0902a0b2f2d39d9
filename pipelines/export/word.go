package export

// WarningWord returns the word people read for the code v of the
// warning-list column col (scope, level, signal, recommendation, market)
// in lang, as the XLSX writes it; v itself when col is not enumerated or
// v not a known code. The workbench shows the same words.
func WarningWord(col, v, lang string) string { return warningWord(col, v, lang) }
