package datasets

import (
	"strings"
)

// ContractVersion is the version of the data contract that this package
// implements (../shared/DATA_CONTRACT.md, plus the documented extensions in
// docs/data-contract.md).
const ContractVersion = "1.2"

// Kind is the type of a contract column, which decides how a cell is
// cleaned and checked.
type Kind int

// Plausibility ceilings (Column.Ceiling).
const (
	// People is the ceiling of a count of people in one row: 10^9, more
	// than any province's population (Guangdong's is 1.3 × 10^8) and than
	// China's workforce.
	People = 1e9
	// ValueAdded is the ceiling of a value added in 亿元 (10^8 CNY):
	// 10^7 亿元, about seven times China's GDP (1.35 × 10^6 亿元 in 2024).
	ValueAdded = 1e7
	// MonthlySalary is the ceiling of an average monthly salary in CNY:
	// 10^6, about fifty times the highest provincial average (Beijing's,
	// near 2 × 10^4).
	MonthlySalary = 1e6
)

// The column kinds of the contract.
const (
	// String is free text, kept exactly as given (trimmed).
	String Kind = iota
	// Code is a code kept exactly as given: never padded or trimmed inside.
	Code
	// Code6 is a fixed-width 6-digit program code (program_code, old_code,
	// new_code): a value of fewer digits (a spreadsheet stored it as a
	// number) is padded back with zeros only when the padded code exists
	// in programs or program_code_map (contract v1.2).
	Code6
	// Code2 is a 2-digit code (category_code).
	Code2
	// Industry is a GB/T 4754-2017 section letter or section letter plus
	// 2-digit division.
	Industry
	// Int is an integer; thousands separators are accepted.
	Int
	// Number is a finite decimal number; thousands separators are accepted.
	Number
	// Enum is one of a fixed list of values.
	Enum
	// Month is a month written YYYY-MM.
	Month
	// Date is a date written YYYY-MM-DD.
	Date
	// Region is a GB/T 2260 region code: 6 digits, never starting with 0,
	// never padded (contract v1.2); a shorter code is an error with a hint.
	Region
)

// Column is one column of a contract table.
type Column struct {
	// Name is the contract's English column name.
	Name string
	// Alias is the contract's Chinese header alias.
	Alias string
	// Kind is the column's type.
	Kind Kind
	// Optional means the column may be absent from the file.
	Optional bool
	// Nullable means a cell may be empty (always true for optional columns).
	Nullable bool
	// Enum lists the allowed values of an Enum column: the codes the
	// warehouse stores.
	Enum []string
	// EnumZH gives, for each value of Enum in the same order, its Chinese
	// names: the first is the one templates and messages show. A cell may
	// hold the code or any of its Chinese names, which the load maps to
	// the code (省 -> province).
	EnumZH [][]string
	// Min and Max bound Int and Number values when HasMin/HasMax are set;
	// MinOpen makes the lower bound exclusive.
	Min, Max       float64
	HasMin, HasMax bool
	MinOpen        bool
	// Ceiling, when not zero, is the plausibility ceiling of an Int or
	// Number column: every value must be below it. Ceilings keep absurd
	// values (a unit mistake, digits typed twice, 1e308) out of the
	// warehouse, so that no accepted value can overflow a model;
	// docs/data-contract.md gives each one's reason.
	Ceiling float64
	// Ref names the table whose key this column references ("" for none).
	Ref string
	// Rule is the column's rule in words, for templates (zh, en).
	RuleZH, RuleEN string
}

// Table is one table of the contract.
type Table struct {
	// Name is the table name and the file's base name.
	Name string
	// Title is the table's Chinese title.
	Title string
	// Required tables must be present in every dataset.
	Required bool
	// Columns lists the contract's columns in contract order.
	Columns []Column
	// Key lists the columns that identify a row; no two rows share them.
	Key []string
}

// Column returns the column called name and whether it exists.
func (t *Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Match returns the contract column that a header cell names, matching
// case-insensitively after trimming against the English name or the
// Chinese alias, and whether one matched.
func (t *Table) Match(header string) (Column, bool) {
	h := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header, "\uFEFF")))
	for _, c := range t.Columns {
		if h == c.Name || h == strings.ToLower(c.Alias) {
			return c, true
		}
	}
	return Column{}, false
}

func col(name, alias string, k Kind) Column {
	return Column{Name: name, Alias: alias, Kind: k}
}

func (c Column) optional() Column { c.Optional, c.Nullable = true, true; return c }
func (c Column) nullable() Column { c.Nullable = true; return c }
func (c Column) ref(t string) Column {
	c.Ref = t
	return c
}
func (c Column) min(v float64) Column     { c.Min, c.HasMin = v, true; return c }
func (c Column) minOpen(v float64) Column { c.Min, c.HasMin, c.MinOpen = v, true, true; return c }
func (c Column) max(v float64) Column     { c.Max, c.HasMax = v, true; return c }
func (c Column) ceiling(v float64) Column { c.Ceiling = v; return c }
func (c Column) enum(v ...string) Column  { c.Enum = v; return c }

// zh sets the Chinese names of the Enum values, one argument per value,
// several names of one value separated by "|" ("高职专科|高职").
func (c Column) zh(names ...string) Column {
	c.EnumZH = make([][]string, len(names))
	for i, n := range names {
		c.EnumZH[i] = strings.Split(n, "|")
	}
	return c
}

// EnumNames lists the Chinese names of the column's allowed values, one
// for each (the first of each value's names).
func (c Column) EnumNames() []string {
	out := make([]string, 0, len(c.EnumZH))
	for _, n := range c.EnumZH {
		out = append(out, n[0])
	}
	return out
}

// EnumAllowed writes the allowed values of an Enum column for messages
// and templates: the codes, and in Chinese also their Chinese names
// ("province/city/county（省/市/区县）").
func (c Column) EnumAllowed(lang Lang) string {
	s := strings.Join(c.Enum, "/")
	if lang == Chinese && len(c.EnumZH) > 0 {
		s += "（" + strings.Join(c.EnumNames(), "/") + "）"
	}
	return s
}
func (c Column) rule(zh, en string) Column {
	c.RuleZH, c.RuleEN = zh, en
	return c
}

// Contract lists the tables of the data contract in load order: every table
// comes after the tables it references.
var Contract = []*Table{
	{
		Name: "regions", Title: "行政区划", Required: true, Key: []string{"region_code"},
		Columns: []Column{
			col("region_code", "区划代码", Region).rule("6位数字，GB/T 2260，不以 0 开头；主键", "6 digits, GB/T 2260, never starting with 0; primary key"),
			col("name", "名称", String),
			col("parent_code", "上级代码", Region).nullable().rule("省级为空；地市填所属省、区县填所属地市的代码，须在 regions 中", "empty for the province; a city's province, a county's city, in regions"),
			col("level", "层级", Enum).enum("province", "city", "county").zh("省|省级", "市|地市|地级市|市级", "区县|县|区|县级").rule("province/city/county 或 省/市/区县；每个省恰一行 province（省）", "province/city/county (or 省/市/区县); one province row per province"),
		},
	},
	{
		Name: "industries", Title: "国民经济行业分类", Required: true, Key: []string{"industry_code"},
		Columns: []Column{
			col("industry_code", "行业代码", Industry).rule("GB/T 4754-2017 门类字母（C）或门类字母+2位大类（C34）", "GB/T 4754-2017 section letter (C) or section + 2-digit division (C34)"),
			col("name", "行业名称", String),
			col("sector", "产业", Enum).enum("1", "2", "3").zh("第一产业|一产", "第二产业|二产", "第三产业|三产").rule("1/2/3：第一、二、三产业", "1/2/3: primary, secondary, tertiary"),
			col("parent_code", "上级代码", Industry).nullable().rule("大类填所属门类；门类为空", "the section of a division; empty for a section"),
		},
	},
	{
		Name: "industry_map", Title: "产业地图", Required: true, Key: []string{"year", "region_code", "industry_code"},
		Columns: []Column{
			col("year", "年份", Int).min(1949).max(2100),
			col("region_code", "区划代码", Region).ref("regions").rule("regions 中的地市（或省）", "a city (or the province) in regions"),
			col("industry_code", "行业代码", Industry).ref("industries"),
			col("employment", "从业人员", Number).min(0).ceiling(People).rule("≥ 0，人", "≥ 0, persons"),
			col("value_added", "增加值", Number).min(0).ceiling(ValueAdded).optional().rule("≥ 0，亿元，可空", "≥ 0, 100 million CNY, optional"),
		},
	},
	{
		Name: "industry_priorities", Title: "产业发展重点", Key: []string{"region_code", "industry_code"},
		Columns: []Column{
			col("region_code", "区划代码", Region).ref("regions"),
			col("industry_code", "行业代码", Industry).ref("industries"),
			col("tier", "类别", Enum).enum("strategic_emerging", "pillar", "shortage", "traditional", "declining").zh("战略性新兴|战略性新兴产业", "支柱|支柱产业", "紧缺|紧缺产业", "传统|传统产业", "收缩|收缩产业").rule("strategic_emerging/pillar/shortage/traditional/declining（战略性新兴/支柱/紧缺/传统/收缩）", "strategic_emerging/pillar/shortage/traditional/declining"),
			col("target_growth", "目标增速", Number).min(-1).max(1).optional().rule("年增速小数，可为负，可空", "annual growth as a fraction, may be negative, optional"),
			col("source", "依据", String).optional(),
		},
	},
	{
		Name: "programs", Title: "专业目录", Required: true, Key: []string{"program_code"},
		Columns: []Column{
			col("program_code", "专业代码", Code6).rule("6位数字，2021年职业教育专业目录；主键", "6 digits, 2021 vocational catalogue; key"),
			col("name", "专业名称", String),
			col("level", "层次", Enum).enum("secondary", "higher", "bachelor").zh("中职", "高职专科|高职|专科", "职业本科|本科").rule("secondary/higher/bachelor（中职/高职专科/职业本科）", "secondary/higher/bachelor"),
			col("category_code", "专业大类代码", Code2).rule("2位数字", "2 digits"),
			col("category_name", "专业大类", String),
			col("duration_years", "学制", Int).min(2).max(5).rule("整数 2..5", "integer 2..5"),
		},
	},
	{
		Name: "program_industry", Title: "专业—行业对应", Required: true, Key: []string{"program_code", "industry_code"},
		Columns: []Column{
			col("program_code", "专业代码", Code6).ref("programs"),
			col("industry_code", "行业代码", Industry).ref("industries"),
			col("weight", "权重", Number).minOpen(0).max(1).rule("0 < w ≤ 1；每个专业合计为 1 ± 0.01", "0 < w ≤ 1; per program the weights sum to 1 ± 0.01"),
		},
	},
	{
		Name: "program_code_map", Title: "专业代码对照", Key: []string{"old_code", "new_code"},
		Columns: []Column{
			col("old_code", "原专业代码", Code6).rule("2021年目录之前的专业代码", "a code used before the 2021 catalogue"),
			col("new_code", "新专业代码", Code6).ref("programs"),
			col("weight", "权重", Number).minOpen(0).max(1).optional().rule("0 < w ≤ 1，默认 1；每个原代码合计为 1", "0 < w ≤ 1, default 1; per old code the weights sum to 1"),
		},
	},
	{
		Name: "schools", Title: "学校", Required: true, Key: []string{"school_code"},
		Columns: []Column{
			col("school_code", "学校代码", Code).rule("主键", "key"),
			col("name", "学校名称", String),
			col("region_code", "区划代码", Region).ref("regions").rule("regions 中的地市或区县", "a city or county in regions"),
			col("type", "类型", Enum).enum("secondary", "technician", "higher", "bachelor").zh("中职", "技工|技工院校", "高职|高职专科|专科", "职业本科|本科").rule("secondary/technician/higher/bachelor（中职/技工/高职/职业本科）", "secondary/technician/higher/bachelor"),
			col("ownership", "举办性质", Enum).enum("public", "private").zh("公办", "民办"),
			col("capacity", "办学容量", Int).min(0).ceiling(People).optional(),
		},
	},
	{
		Name: "enrollments", Title: "招生与在校生", Required: true, Key: []string{"year", "school_code", "program_code"},
		Columns: []Column{
			col("year", "年份", Int).min(1949).max(2100),
			col("school_code", "学校代码", Code).ref("schools"),
			col("program_code", "专业代码", Code6).ref("programs").rule("programs 中的代码，或 program_code_map 中的原代码", "in programs, or an old code in program_code_map"),
			col("intake", "招生数", Int).min(0).ceiling(People),
			col("enrolled_total", "在校生数", Int).min(0).ceiling(People),
			col("graduates", "毕业生数", Int).min(0).ceiling(People).optional(),
			col("planned_intake", "招生计划", Int).min(0).ceiling(People).optional(),
		},
	},
	{
		Name: "outcomes", Title: "毕业去向", Required: true, Key: []string{"grad_year", "school_code", "program_code"},
		Columns: []Column{
			col("grad_year", "毕业年份", Int).min(1949).max(2100),
			col("school_code", "学校代码", Code).ref("schools"),
			col("program_code", "专业代码", Code6).ref("programs").rule("programs 中的代码，或 program_code_map 中的原代码", "in programs, or an old code in program_code_map"),
			col("graduates", "毕业生数", Int).min(0).ceiling(People),
			col("employed", "就业人数", Int).min(0).ceiling(People),
			col("further_study", "升学人数", Int).min(0).ceiling(People).rule("≥ 0；就业人数 + 升学人数 ≤ 毕业生数", "≥ 0; employed + further_study ≤ graduates"),
			col("matched", "对口就业人数", Int).min(0).ceiling(People).optional().rule("≤ 就业人数，可空", "≤ employed, optional"),
			col("avg_monthly_salary", "月均收入", Number).min(0).ceiling(MonthlySalary).optional().rule("≥ 0，元，可空", "≥ 0, CNY, optional"),
			col("employed_in_province", "省内就业人数", Int).min(0).ceiling(People).optional().rule("≤ 就业人数，可空", "≤ employed, optional"),
		},
	},
	{
		Name: "job_postings", Title: "岗位需求", Key: []string{"month", "region_code", "industry_code"},
		Columns: []Column{
			col("month", "月份", Month).rule("YYYY-MM", "YYYY-MM"),
			col("region_code", "区划代码", Region).ref("regions"),
			col("industry_code", "行业代码", Industry).ref("industries"),
			col("postings", "需求人数", Int).min(0).ceiling(People),
			col("job_seekers", "求职人数", Int).min(0).ceiling(People).optional(),
		},
	},
	{
		Name: "education_totals", Title: "普通高中招生", Key: []string{"year", "region_code"},
		Columns: []Column{
			col("year", "年份", Int).min(1949).max(2100),
			col("region_code", "区划代码", Region).ref("regions"),
			col("general_upper_secondary_intake", "普通高中招生数", Int).min(0).ceiling(People),
		},
	},
	{
		Name: "program_lists", Title: "专业控制与鼓励清单", Key: []string{"region_code", "program_code", "list"},
		Columns: []Column{
			col("region_code", "区划代码", Region).ref("regions"),
			col("program_code", "专业代码", Code6).ref("programs"),
			col("list", "清单", Enum).enum("control", "encouraged").zh("控制", "鼓励").rule("control/encouraged（控制/鼓励）", "control/encouraged"),
			col("source", "依据", String).optional(),
		},
	},
	{
		// graduate_destinations (v1.2, optional): where a school's
		// graduates of a program work, by region of the province; the run
		// judges the program in the observed flows (docs/models.md,
		// "Labour markets"). A row at the province's code means in the
		// province, city not known; graduates working outside the province
		// are not listed.
		Name: "graduate_destinations", Title: "毕业生就业去向地", Key: []string{"year", "school_code", "program_code", "region_code"},
		Columns: []Column{
			col("year", "毕业年份", Int).min(1949).max(2100),
			col("school_code", "学校代码", Code).ref("schools"),
			col("program_code", "专业代码", Code6).ref("programs"),
			col("region_code", "就业地区划代码", Region).ref("regions").rule("省内的市、区县，或本省代码（省内、城市不详）", "a city or county of the province, or the province's code (in the province, city not known)"),
			col("employed", "就业人数", Int).min(0).ceiling(People),
		},
	},
	{
		Name: "overrides", Title: "人工调整", Key: []string{"scope", "region_code", "school_code", "program_code"},
		Columns: []Column{
			col("scope", "范围", Enum).enum("province", "city", "school").zh("省|省级", "市|地市|市级", "学校"),
			col("region_code", "区划代码", Region).ref("regions"),
			col("school_code", "学校代码", Code).nullable().ref("schools").rule("仅 scope = school 时填写", "empty unless scope = school"),
			col("program_code", "专业代码", Code6).ref("programs"),
			col("signal", "信号", Enum).enum("red", "yellow", "green", "none").zh("红|红色", "黄|黄色", "绿|绿色", "无"),
			col("reason", "理由", String),
			col("decided_by", "决定人", String),
			col("decided_on", "决定日期", Date).rule("YYYY-MM-DD", "YYYY-MM-DD"),
		},
	},
}

// Lookup returns the contract table called name, or nil.
func Lookup(name string) *Table {
	for _, t := range Contract {
		if t.Name == name {
			return t
		}
	}
	return nil
}
