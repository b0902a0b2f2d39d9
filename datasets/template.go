package datasets

import "strings"

// KindName returns a column kind in words, in lang.
func KindName(k Kind, lang Lang) string {
	names := map[Kind][2]string{
		String:   {"文本", "text"},
		Code:     {"代码（原样保留）", "code (kept as given)"},
		Code6:    {"6位数字代码", "6-digit code"},
		Code2:    {"2位数字代码", "2-digit code"},
		Industry: {"行业代码", "industry code"},
		Int:      {"整数", "integer"},
		Number:   {"数字", "number"},
		Enum:     {"枚举", "one of a list"},
		Month:    {"月份 YYYY-MM", "month YYYY-MM"},
		Date:     {"日期 YYYY-MM-DD", "date YYYY-MM-DD"},
		Region:   {"6位区划代码（GB/T 2260）", "6-digit region code (GB/T 2260)"},
	}
	n := names[k]
	if lang == English {
		return n[1]
	}
	return n[0]
}

// AllowedValues lists what an Enum column's cells may hold, in lang: the
// codes, or their Chinese names ("province/city/county 或 省/市/区县").
// It is empty for other columns.
func AllowedValues(c Column, lang Lang) string {
	if len(c.Enum) == 0 {
		return ""
	}
	codes := strings.Join(c.Enum, "/")
	if len(c.EnumZH) == 0 {
		return codes
	}
	if lang == English {
		return codes + " or " + strings.Join(c.EnumNames(), "/")
	}
	return codes + " 或 " + strings.Join(c.EnumNames(), "/")
}

// ColumnRule describes a column's rule in words, in lang.
func ColumnRule(c Column, lang Lang) string {
	var parts []string
	if lang == English {
		if c.RuleEN != "" {
			parts = append(parts, c.RuleEN)
		}
		if len(c.Enum) > 0 {
			parts = append(parts, "allowed: "+AllowedValues(c, lang))
		}
		if c.Ref != "" {
			parts = append(parts, "must exist in "+c.Ref)
		}
		if c.Optional {
			parts = append(parts, "optional column")
		} else if !c.Nullable {
			parts = append(parts, "required")
		}
	} else {
		if c.RuleZH != "" {
			parts = append(parts, c.RuleZH)
		}
		if len(c.Enum) > 0 {
			parts = append(parts, "可填："+AllowedValues(c, lang))
		}
		if c.Ref != "" {
			parts = append(parts, "须在 "+c.Ref+" 中")
		}
		if c.Optional {
			parts = append(parts, "可选列")
		} else if !c.Nullable {
			parts = append(parts, "必填")
		}
	}
	return strings.Join(parts, "；")
}

// ExampleMark starts the first cell of a template's example row: a first
// data row whose first cell starts with 示例 (or example, in any case) is
// the template's example and is skipped on load (IsExample).
const ExampleMark = "示例"

// IsExample reports whether the first cell of a file's first data row
// marks the row as the template's example.
func IsExample(firstCell string) bool {
	c := strings.TrimSpace(strings.TrimPrefix(firstCell, "\uFEFF"))
	return strings.HasPrefix(c, ExampleMark) ||
		len(c) >= len("example") && strings.EqualFold(c[:len("example")], "example")
}

// Example returns the example row of table t's template, one cell per
// contract column, allowed values in Chinese (which the load accepts):
// a row of the Shanxi demo dataset, or one like it. The first cell does
// not carry the example mark.
func Example(t *Table) []string {
	return examples[t.Name]
}

var examples = map[string][]string{
	"regions":               {"140100", "太原市", "140000", "市"},
	"industries":            {"C36", "汽车制造业", "第二产业", "C"},
	"industry_map":          {"2023", "140100", "C36", "52000", "310.5"},
	"industry_priorities":   {"140000", "C36", "支柱", "0.08", "山西省“十四五”规划"},
	"programs":              {"460702", "新能源汽车技术", "高职专科", "46", "装备制造大类", "3"},
	"program_industry":      {"460702", "C36", "1"},
	"program_code_map":      {"560707", "460702", "1"},
	"schools":               {"14010010001", "太原市第一职业中学", "140100", "中职", "公办", "1560"},
	"enrollments":           {"2023", "14010010001", "460702", "120", "350", "110", "130"},
	"outcomes":              {"2023", "14010010001", "460702", "110", "80", "20", "60", "4200", "70"},
	"job_postings":          {"2024-01", "140100", "C36", "69", "72"},
	"education_totals":      {"2023", "140100", "30000"},
	"program_lists":         {"140000", "530302", "控制", "晋教职成函〔2024〕68号"},
	"graduate_destinations": {"2024", "14010010001", "460702", "140700", "12"},
	"overrides":             {"学校", "140100", "14010010001", "460702", "绿", "新能源汽车产业园新开工项目", "张三", "2025-06-30"},
}
