package datasets

import (
	"errors"
	"fmt"
	"strings"
)

// Lang is a message language.
type Lang string

// The message languages.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// RowError is one broken rule of the contract, located in a file. Row is
// 1-based with the header as row 1 (0 when the whole file is meant);
// Column is the column as the file's header spells it, or its contract
// name ("" when the whole row or file is meant).
type RowError struct {
	File   string
	Row    int
	Column string
	// Rule is the rule's code (see Rules), stable for scripts.
	Rule string
	// Args fill the rule's message.
	Args []any
	// Warning marks a finding that does not stop the load.
	Warning bool
	// Same counts the further rows that break the rule with the same
	// value — one cause, such as a misspelt allowed value or a code that
	// is not in its table — which are not listed one by one. SameIn counts
	// them by table ("schools 1, industry_map 40") when they are not all
	// in this error's file.
	Same   int64
	SameIn string
	// Dependents counts the rows of other tables that refer to this row's
	// value and cannot be checked until it is fixed (a region code written
	// short in regions.csv, which every school of the region refers to),
	// by table in DependentsIn. An error with dependents is a root cause.
	Dependents   int64
	DependentsIn string
}

// Error formats the error in English as file:row:column: message.
func (e *RowError) Error() string { return e.Format(English) }

// Message returns the rule's message in lang, without the location.
func (e *RowError) Message(lang Lang) string {
	m, ok := Rules[e.Rule]
	if !ok {
		return e.Rule
	}
	tmpl := m.EN
	if lang == Chinese {
		tmpl = m.ZH
	}
	msg := tmpl
	if len(e.Args) > 0 {
		msg = fmt.Sprintf(tmpl, e.Args...)
	}
	zh := lang == Chinese
	switch {
	case e.Same > 0 && e.SameIn != "" && zh:
		msg += fmt.Sprintf("（另有 %d 行取同一值：%s；未逐行列出）", e.Same, e.SameIn)
	case e.Same > 0 && e.SameIn != "":
		msg += fmt.Sprintf(" (and %d more rows with the same value: %s; not listed)", e.Same, e.SameIn)
	case e.Same > 0 && zh:
		msg += fmt.Sprintf("（另有 %d 行取同一值，未逐行列出）", e.Same)
	case e.Same > 0:
		msg += fmt.Sprintf(" (and %d more rows with the same value, not listed)", e.Same)
	}
	if e.Dependents > 0 {
		question := strings.HasSuffix(msg, "?") || strings.HasSuffix(msg, "？")
		switch {
		case zh && question:
			msg += fmt.Sprintf("依赖它的 %d 行（%s）在改正之前无法核对", e.Dependents, e.DependentsIn)
		case zh:
			msg += fmt.Sprintf("；依赖它的 %d 行（%s）在改正之前无法核对", e.Dependents, e.DependentsIn)
		case question:
			msg += fmt.Sprintf(" The %d rows that depend on it (%s) cannot be checked until it is fixed", e.Dependents, e.DependentsIn)
		default:
			msg += fmt.Sprintf("; the %d rows that depend on it (%s) cannot be checked until it is fixed", e.Dependents, e.DependentsIn)
		}
	}
	return msg
}

// Format formats the error in lang as file:row:column: message.
func (e *RowError) Format(lang Lang) string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Row > 0 {
		fmt.Fprintf(&b, ":%d", e.Row)
	}
	if e.Column != "" {
		b.WriteString(":" + e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Message(lang))
	return b.String()
}

// Message is a rule's text in both languages, a fmt template.
type Message struct{ ZH, EN string }

// Rules holds the message of every rule code a RowError can carry.
var Rules = map[string]Message{
	"no_folder":          {"数据集文件夹不存在：请检查路径", "the dataset folder does not exist: check the path"},
	"not_folder":         {"不是文件夹：数据集是一个文件夹，每张表一个文件", "not a folder: a dataset is a folder with one file per table"},
	"bad_folder":         {"无法读取数据集文件夹：%s", "cannot read the dataset folder: %s"},
	"missing_table":      {"缺少必需的表（应为 %s.csv、.xlsx 或 .parquet）", "required table is missing (expected %s.csv, .xlsx or .parquet)"},
	"ambiguous_table":    {"表 %s 有多个文件：%s；只能保留一个", "table %s has several files: %s; keep one"},
	"missing_column":     {"缺少必需的列 %s（%s）", "required column %s (%s) is missing"},
	"duplicate_column":   {"列重复：与第 %d 列指向同一合同列 %s", "duplicate column: column %d names the same contract column %s"},
	"unknown_column":     {"未知列，已忽略", "unknown column, ignored"},
	"empty_file":         {"文件为空：没有表头行", "the file is empty: no header row"},
	"not_text":           {"不是文本 CSV 文件（第 %d 字节起为二进制内容）", "not a text CSV file (binary content from byte %d)"},
	"bom_not_utf8":       {"文件以 UTF-8 BOM 开头，但这一行不是有效的 UTF-8（可能是 GBK/GB18030 文件带了错误的 BOM）；请另存为 UTF-8 或去掉 BOM", "the file starts with a UTF-8 BOM but this row is not valid UTF-8 (a GBK/GB18030 file with a wrong BOM?); save it as UTF-8 or drop the BOM"},
	"bad_encoding":       {"无法识别的编码：既不是 UTF-8 也不是 GB18030", "unknown encoding: neither UTF-8 nor GB18030"},
	"csv_syntax":         {"CSV 格式错误：%s", "CSV syntax error: %s"},
	"field_count":        {"本行有 %d 个字段，表头有 %d 个", "the row has %d fields, the header has %d"},
	"bad_file":           {"无法读取文件：%s", "cannot read the file: %s"},
	"link_outside":       {"是指向数据集文件夹之外的符号链接（→ %s），拒绝读取；请把文件本身放进文件夹", "is a symbolic link to outside the dataset folder (→ %s): refused; put the file itself in the folder"},
	"not_regular":        {"不是普通文件（文件夹、命名管道或设备），拒绝读取", "not a regular file (a folder, a named pipe or a device): refused"},
	"merged_header":      {"表头含合并单元格 %s；请取消合并，每列一个表头", "the header has merged cells %s; unmerge them, one header per column"},
	"empty_header":       {"表头为空", "empty header cell"},
	"required":           {"必填，不能为空", "required: must not be empty"},
	"int":                {"不是整数：%q", "not an integer: %q"},
	"number":             {"不是数字：%q", "not a number: %q"},
	"min":                {"应 ≥ %v，实为 %v", "must be ≥ %v, is %v"},
	"min_open":           {"应 > %v，实为 %v", "must be > %v, is %v"},
	"max":                {"应 ≤ %v，实为 %v", "must be ≤ %v, is %v"},
	"finite":             {"数值 %s 超出可表示的范围（不是有限数）", "the number %s is out of range (not finite)"},
	"ceiling":            {"超出合理上限：应小于 %s，实为 %s；请检查单位和位数", "implausibly large: must be below %s, is %s; check the unit and the digits"},
	"enum":               {"取值 %[1]q 不在允许值 %[3]s 中", "value %[1]q is not one of %[2]s"},
	"code6":              {"应为 6 位数字代码，实为 %q", "must be a 6-digit code, is %q"},
	"region_code":        {"区划代码（GB/T 2260）为 6 位数字、不以 0 开头、不补零，实为 %q", "a region code (GB/T 2260) has 6 digits, never starts with 0 and is never padded; this is %q"},
	"region_code_hint":   {"区划代码（GB/T 2260）为 6 位数字、不以 0 开头、不补零，实为 %q；是否应为 %s？", "a region code (GB/T 2260) has 6 digits, never starts with 0 and is never padded; this is %q: did you mean %s?"},
	"parent_missing":     {"上级代码 %q 不在 regions 中：%s 级行的上级应为 regions 中的 %s 级行", "parent %q is not in regions: a %s row's parent must be a %s in regions"},
	"code2":              {"应为 2 位数字代码，实为 %q", "must be a 2-digit code, is %q"},
	"industry_code":      {"%q 不是 GB/T 4754-2017 的门类或大类代码（如 C 或 C34）", "%q is not a GB/T 4754-2017 section or division code (such as C or C34)"},
	"month":              {"应为 YYYY-MM 格式的月份，实为 %q", "must be a month YYYY-MM, is %q"},
	"date":               {"应为 YYYY-MM-DD 格式的日期，实为 %q", "must be a date YYYY-MM-DD, is %q"},
	"duplicate_key":      {"主键重复（%s = %s），与第 %d 行相同", "duplicate key (%s = %s), same as row %d"},
	"ref":                {"%q 不在 %s 中", "%q is not in %s"},
	"province_count":     {"regions 中应有 province 行，实有 %d 行", "regions must have a province row, has %d"},
	"parent_empty":       {"省级行的上级代码应为空", "the province row's parent_code must be empty"},
	"parent_required":    {"%s 级行必须填写上级代码", "a %s row needs a parent_code"},
	"parent_level":       {"上级 %q 的层级为 %s，%s 级行的上级应为 %s", "parent %q is a %s; a %s row's parent must be a %s"},
	"industry_parent":    {"大类 %s 的上级代码应为门类 %s，实为 %q", "division %s must have parent_code %s, has %q"},
	"section_division":   {"%v 年 %s 同时给出门类 %s 和其大类 %s；每个门类只能给门类合计或各大类之一", "year %v, %s gives both section %s and its division %s; give either the section total or its divisions"},
	"map_region_level":   {"%q 是 %s 级，产业地图只接受地市或省", "%q is a %s; the industry map takes cities or the province"},
	"school_region":      {"%q 是 %s 级，学校应在地市或区县", "%q is a %s; a school must be in a city or county"},
	"weight_sum":         {"专业 %s 的权重合计为 %v，应为 1 ± 0.01", "program %s weights sum to %v, must be 1 ± 0.01"},
	"weight_sum_warn":    {"专业 %s 的权重合计为 %v，不完全等于 1", "program %s weights sum to %v, not exactly 1"},
	"old_weight_sum":     {"原代码 %s 的权重合计为 %v，应为 1 ± 0.01", "old code %s weights sum to %v, must be 1 ± 0.01"},
	"old_code_current":   {"原代码 %s 同时是 programs 中的现行代码", "old code %s is also a current code in programs"},
	"no_crosswalk":       {"专业 %s 在 program_industry 中没有对应行业", "program %s has no rows in program_industry"},
	"outcome_sum":        {"就业人数 + 升学人数（%v + %v）大于毕业生数 %v", "employed + further_study (%v + %v) exceeds graduates %v"},
	"matched_employed":   {"对口就业人数 %v 大于就业人数 %v", "matched %v exceeds employed %v"},
	"inprov_employed":    {"省内就业人数 %v 大于就业人数 %v", "employed_in_province %v exceeds employed %v"},
	"school_scope":       {"仅当 scope = school 时填写学校代码", "school_code must be empty unless scope = school"},
	"school_scope_need":  {"scope = school 时必须填写学校代码", "scope = school needs a school_code"},
	"series_value":       {"序列 %q 在 t=%s 的取值 %q 缺失或不是有限数", "series %q has a missing or non-finite value at t=%s: %q"},
	"series_duplicate":   {"序列 %q 的 t=%s 重复", "series %q repeats t=%s"},
	"too_many_errors":    {"错误过多，另有 %d 条未列出", "too many errors: %d more not listed"},
	"bad_utf8":           {"这一行含有无效的 UTF-8 字节，而文件的其余部分是 UTF-8；请改正这一行（或把文件重新另存为 UTF-8）", "this row holds bytes that are not valid UTF-8, the encoding of the rest of the file; fix the row (or save the file as UTF-8 again)"},
	"bad_gb18030":        {"这一行含有不符合 GB18030/GBK 编码的字节，而此前各行是 GB18030/GBK 编码；请改正这一行，或把文件另存为 UTF-8", "this row holds bytes that are not GB18030/GBK, the encoding of the rows before it; fix the row, or save the file as UTF-8"},
	"empty_table":        {"只有表头，没有数据行：请补全；依赖它的 %d 行（%s）在补全之前无法核对", "header only, no rows: fill it in; the %d rows that depend on it (%s) cannot be checked until then"},
	"example_row":        {"模板的示例行（第一个单元格以“示例”开头），已跳过", "the template's example row (its first cell starts with 示例 or example), skipped"},
	"province_city_diff": {"%v 年 %s 省级行与各地市合计不一致：省 %v，地市合计 %v（以省级行为准）", "year %v, %s: the province row (%v) differs from the sum of cities (%v); the province row wins"},
}

// RuleTitle names a rule in words, in lang: the rule column of an error
// report (取值不在允许范围, not enum). A rule without a title of its own
// is named by its family (xlsx_…: the XLSX file cannot be read), or by
// its code.
func RuleTitle(rule string, lang Lang) string {
	m, ok := ruleTitles[rule]
	if !ok && strings.HasPrefix(rule, "xlsx_") {
		m, ok = Message{"XLSX 文件无法读取", "XLSX file cannot be read"}, true
	}
	if !ok {
		return rule
	}
	if lang == English {
		return m.EN
	}
	return m.ZH
}

// ruleTitles names each rule of Rules in words.
var ruleTitles = map[string]Message{
	"no_folder":          {"数据集文件夹不存在", "dataset folder missing"},
	"not_folder":         {"不是文件夹", "not a folder"},
	"bad_folder":         {"无法读取文件夹", "folder cannot be read"},
	"missing_table":      {"缺少必需的表", "required table missing"},
	"ambiguous_table":    {"一张表有多个文件", "several files for one table"},
	"missing_column":     {"缺少必需的列", "required column missing"},
	"duplicate_column":   {"列重复", "column named twice"},
	"unknown_column":     {"未知列", "unknown column"},
	"empty_file":         {"文件为空", "empty file"},
	"not_text":           {"不是文本文件", "not a text file"},
	"bom_not_utf8":       {"编码与 BOM 不符", "encoding does not match the BOM"},
	"bad_encoding":       {"无法识别的编码", "unknown encoding"},
	"csv_syntax":         {"CSV 格式错误", "CSV syntax error"},
	"field_count":        {"字段个数不对", "wrong number of fields"},
	"bad_file":           {"无法读取文件", "file cannot be read"},
	"link_outside":       {"链接指向文件夹之外", "link to outside the folder"},
	"not_regular":        {"不是普通文件", "not a regular file"},
	"merged_header":      {"表头有合并单元格", "merged header cells"},
	"empty_header":       {"表头为空", "empty header cell"},
	"required":           {"必填项为空", "required value missing"},
	"int":                {"不是整数", "not an integer"},
	"number":             {"不是数字", "not a number"},
	"min":                {"小于下限", "below the minimum"},
	"min_open":           {"小于或等于下限", "not above the minimum"},
	"max":                {"大于上限", "above the maximum"},
	"finite":             {"数值超出范围", "number out of range"},
	"ceiling":            {"超出合理上限", "implausibly large"},
	"enum":               {"取值不在允许范围", "value not allowed"},
	"code6":              {"代码应为 6 位数字", "code must have 6 digits"},
	"region_code":        {"区划代码格式错误", "malformed region code"},
	"region_code_hint":   {"区划代码格式错误", "malformed region code"},
	"parent_missing":     {"上级区划不存在", "parent region missing"},
	"code2":              {"代码应为 2 位数字", "code must have 2 digits"},
	"industry_code":      {"不是国标行业代码", "not a GB/T 4754 industry code"},
	"month":              {"月份格式错误", "malformed month"},
	"date":               {"日期格式错误", "malformed date"},
	"duplicate_key":      {"主键重复", "duplicate key"},
	"ref":                {"引用的代码不存在", "code not found in its table"},
	"province_count":     {"缺少省级行", "no province row"},
	"parent_empty":       {"省级行不应有上级", "province row has a parent"},
	"parent_required":    {"缺少上级代码", "parent code missing"},
	"parent_level":       {"上级层级不对", "parent of the wrong level"},
	"industry_parent":    {"行业上级代码不对", "wrong industry parent"},
	"section_division":   {"门类与大类重复计数", "section beside its division"},
	"map_region_level":   {"产业地图区划层级不对", "industry map region of the wrong level"},
	"school_region":      {"学校所在区划层级不对", "school region of the wrong level"},
	"weight_sum":         {"权重合计不为 1", "weights do not sum to 1"},
	"weight_sum_warn":    {"权重合计不完全等于 1", "weights not exactly 1"},
	"old_weight_sum":     {"原代码权重合计不为 1", "old code weights do not sum to 1"},
	"old_code_current":   {"原代码也是现行代码", "old code is a current code"},
	"no_crosswalk":       {"专业没有对应行业", "program without industries"},
	"outcome_sum":        {"就业加升学超过毕业生", "employed + further study above graduates"},
	"matched_employed":   {"对口就业超过就业", "matched above employed"},
	"inprov_employed":    {"省内就业超过就业", "employed in province above employed"},
	"school_scope":       {"不应填写学校代码", "school code not allowed"},
	"school_scope_need":  {"缺少学校代码", "school code missing"},
	"series_value":       {"序列取值缺失", "series value missing"},
	"series_duplicate":   {"序列时间重复", "series time repeated"},
	"too_many_errors":    {"错误过多", "too many errors"},
	"bad_utf8":           {"无效的 UTF-8 字节", "invalid UTF-8 bytes"},
	"bad_gb18030":        {"无效的 GB18030 字节", "invalid GB18030 bytes"},
	"empty_table":        {"表只有表头", "header-only table"},
	"province_city_diff": {"省与地市合计不一致", "province differs from its cities"},
	"example_row":        {"示例行已跳过", "example row skipped"},
}

// RejectedError reports a dataset that broke the contract. It wraps every
// RowError found; Warnings holds the findings that did not stop the load.
type RejectedError struct {
	Errors   []*RowError
	Warnings []*RowError
	// More counts errors found but not listed.
	More int
}

// Error formats the rejection in English.
func (e *RejectedError) Error() string { return e.Format(English) }

// Format formats every error in lang, one per line.
func (e *RejectedError) Format(lang Lang) string {
	var b strings.Builder
	for i, re := range e.Errors {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(re.Format(lang))
	}
	if e.More > 0 {
		b.WriteByte('\n')
		b.WriteString((&RowError{File: "", Rule: "too_many_errors", Args: []any{e.More}}).Message(lang))
	}
	return b.String()
}

// Unwrap returns the row errors, so errors.As finds a *RowError.
func (e *RejectedError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, re := range e.Errors {
		out[i] = re
	}
	return out
}

// ErrRejected is matched by errors.Is for every *RejectedError.
var ErrRejected = errors.New("datasets: input rejected")

// Is reports whether target is ErrRejected.
func (e *RejectedError) Is(target error) bool { return target == ErrRejected }
