package datasets

import (
	"strings"
	"testing"
)

// TestRuleTitles checks that every rule an error can carry is named in
// words in both languages, for error reports (the XLSX reader's rules by
// their family).
func TestRuleTitles(t *testing.T) {
	for rule := range Rules {
		zh, en := RuleTitle(rule, Chinese), RuleTitle(rule, English)
		if zh == rule || en == rule || zh == "" || en == "" {
			t.Errorf("rule %s has no title: %q / %q", rule, zh, en)
		}
	}
	if got := RuleTitle("enum", Chinese); got != "取值不在允许范围" {
		t.Errorf("enum: %q", got)
	}
	if got := RuleTitle("xlsx_zip", English); !strings.Contains(got, "XLSX") {
		t.Errorf("xlsx_zip: %q", got)
	}
}

// TestSameAndDependents checks the text that one error gives for the
// rows it stands for.
func TestSameAndDependents(t *testing.T) {
	e := &RowError{File: "regions.csv", Row: 3, Column: "level", Rule: "enum", Args: []any{"cty", "province/city/county", "province/city/county（省/市/区县）"},
		Same: 10, Dependents: 17356, DependentsIn: "industry_map 16896, schools 460"}
	for lang, want := range map[Lang]string{
		English: `regions.csv:3:level: value "cty" is not one of province/city/county (and 10 more rows with the same value, not listed); the 17356 rows that depend on it (industry_map 16896, schools 460) cannot be checked until it is fixed`,
		Chinese: `regions.csv:3:level: 取值 "cty" 不在允许值 province/city/county（省/市/区县） 中（另有 10 行取同一值，未逐行列出）；依赖它的 17356 行（industry_map 16896, schools 460）在改正之前无法核对`,
	} {
		if got := e.Format(lang); got != want {
			t.Errorf("%s:\n%s\nwant\n%s", lang, got, want)
		}
	}
}
