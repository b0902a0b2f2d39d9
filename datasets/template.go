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
	}
	n := names[k]
	if lang == English {
		return n[1]
	}
	return n[0]
}

// ColumnRule describes a column's rule in words, in lang.
func ColumnRule(c Column, lang Lang) string {
	var parts []string
	if lang == English {
		if c.RuleEN != "" {
			parts = append(parts, c.RuleEN)
		} else if len(c.Enum) > 0 {
			parts = append(parts, strings.Join(c.Enum, "/"))
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
		} else if len(c.Enum) > 0 {
			parts = append(parts, strings.Join(c.Enum, "/"))
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
