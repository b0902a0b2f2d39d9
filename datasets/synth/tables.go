package synth

// province is a real GB/T 2260 province-level division.
type province struct {
	code string // 6 digits, e.g. "140000"
	name string // e.g. "山西省"
}

// provinces lists the 31 province-level divisions of mainland China with
// their GB/T 2260 codes.
var provinces = []province{
	{"110000", "北京市"}, {"120000", "天津市"}, {"130000", "河北省"},
	{"140000", "山西省"}, {"150000", "内蒙古自治区"}, {"210000", "辽宁省"},
	{"220000", "吉林省"}, {"230000", "黑龙江省"}, {"310000", "上海市"},
	{"320000", "江苏省"}, {"330000", "浙江省"}, {"340000", "安徽省"},
	{"350000", "福建省"}, {"360000", "江西省"}, {"370000", "山东省"},
	{"410000", "河南省"}, {"420000", "湖北省"}, {"430000", "湖南省"},
	{"440000", "广东省"}, {"450000", "广西壮族自治区"}, {"460000", "海南省"},
	{"500000", "重庆市"}, {"510000", "四川省"}, {"520000", "贵州省"},
	{"530000", "云南省"}, {"540000", "西藏自治区"}, {"610000", "陕西省"},
	{"620000", "甘肃省"}, {"630000", "青海省"}, {"640000", "宁夏回族自治区"},
	{"650000", "新疆维吾尔自治区"},
}

// category is one of the 19 专业大类 of the 2021 vocational catalogue. Its
// code is 20+index for vocational bachelor, 40+index for higher vocational
// and 60+index for secondary vocational programs, as in the catalogue.
type category struct {
	name       string   // e.g. "装备制造大类"
	weight     float64  // relative number of programs in the catalogue
	stems      []string // readable program names of the category
	industries []string // divisions its graduates mostly work in
}

// categories lists the 19 categories in catalogue order (index 1..19).
var categories = []category{
	{"农林牧渔大类", 4, []string{"现代农业技术", "园艺技术", "畜牧兽医", "林业技术", "水产养殖技术", "农产品加工与质量检测"}, []string{"A01", "A02", "A03", "A04", "A05", "C13"}},
	{"资源环境与安全大类", 4, []string{"煤矿智能开采技术", "矿山机电与智能装备", "环境监测技术", "安全技术与管理", "地质勘查技术", "测绘地理信息技术"}, []string{"B06", "B07", "B09", "B10", "B11", "N77", "M74"}},
	{"能源动力与材料大类", 4, []string{"发电运行技术", "光伏工程技术", "新能源装备技术", "黑色冶金技术", "材料工程技术", "氢能技术应用"}, []string{"D44", "D45", "C31", "C32", "C30", "C38"}},
	{"土木建筑大类", 5, []string{"建筑工程技术", "工程造价", "建筑装饰工程技术", "道路与桥梁工程技术", "建设工程管理", "装配式建筑工程技术"}, []string{"E47", "E48", "E49", "E50", "K70", "M74"}},
	{"水利大类", 2, []string{"水利工程", "水文与水资源技术", "给排水工程技术", "水利水电建筑工程", "智慧水利技术"}, []string{"N76", "D46", "E48"}},
	{"装备制造大类", 10, []string{"智能制造技术", "数控技术", "机电一体化技术", "工业机器人技术", "新能源汽车技术", "模具设计与制造", "电气自动化技术", "无人机应用技术"}, []string{"C33", "C34", "C35", "C36", "C37", "C38", "C40", "C43"}},
	{"生物与化工大类", 3, []string{"应用化工技术", "化工智能制造技术", "药品生物技术", "精细化工技术", "高分子材料智能制造技术"}, []string{"C26", "C27", "C28", "C29", "C25"}},
	{"轻工纺织大类", 3, []string{"服装设计与工艺", "现代纺织技术", "包装工程技术", "家具设计与制造", "印刷数字图文技术"}, []string{"C17", "C18", "C19", "C21", "C22", "C23", "C24"}},
	{"食品药品与粮食大类", 3, []string{"食品检验检测技术", "食品智能加工技术", "药品生产技术", "药品经营与管理", "粮食储运与质量安全"}, []string{"C13", "C14", "C15", "C27", "F52"}},
	{"交通运输大类", 6, []string{"城市轨道交通运营管理", "汽车检测与维修技术", "航空服务", "现代物流管理", "铁道机车运用与维护", "道路运输管理"}, []string{"G53", "G54", "G56", "G58", "G59", "O81"}},
	{"电子与信息大类", 9, []string{"计算机应用技术", "软件技术", "大数据技术", "人工智能技术应用", "物联网应用技术", "电子信息工程技术", "云计算技术应用", "集成电路技术"}, []string{"I63", "I64", "I65", "C39", "C40"}},
	{"医药卫生大类", 6, []string{"护理", "助产", "药学", "医学检验技术", "康复治疗技术", "口腔医学技术", "中医康复技术"}, []string{"Q84", "Q85", "C27", "F52"}},
	{"财经商贸大类", 7, []string{"大数据与会计", "电子商务", "市场营销", "金融服务与管理", "跨境电子商务", "连锁经营与管理"}, []string{"F51", "F52", "J66", "J67", "J68", "L72"}},
	{"旅游大类", 3, []string{"旅游管理", "酒店管理与数字化运营", "烹饪工艺与营养", "导游", "研学旅行管理与服务"}, []string{"H61", "H62", "L72", "R88"}},
	{"文化艺术大类", 4, []string{"艺术设计", "数字媒体艺术设计", "视觉传达设计", "音乐表演", "舞蹈表演", "环境艺术设计"}, []string{"R86", "R87", "R88", "R90", "C24"}},
	{"新闻传播大类", 2, []string{"网络新闻与传播", "融媒体技术与运营", "影视多媒体技术", "播音与主持", "出版商务"}, []string{"R86", "R87", "I64"}},
	{"教育与体育大类", 4, []string{"学前教育", "小学教育", "体育运营与管理", "社会体育", "早期教育", "休闲体育"}, []string{"P83", "R89", "O80"}},
	{"公安与司法大类", 2, []string{"法律事务", "安全防范技术", "司法警务", "社区矫正", "智慧司法技术应用"}, []string{"S92", "L72", "S94"}},
	{"公共管理与服务大类", 3, []string{"社会工作", "智慧健康养老服务与管理", "婚庆服务与管理", "现代家政服务与管理", "民政服务与管理", "人力资源管理"}, []string{"Q85", "O80", "S94", "L72", "S96"}},
}

// Tiers of industry_priorities, in the contract's spelling.
const (
	tierStrategic   = "strategic_emerging"
	tierPillar      = "pillar"
	tierShortage    = "shortage"
	tierTraditional = "traditional"
	tierDeclining   = "declining"
)

// tierPools are the divisions each tier is drawn from, with how many to
// draw (min, max) and the planned growth range.
var tierPools = []struct {
	tier      string
	divisions []string
	min, max  int
	gLo, gHi  float64
}{
	{tierStrategic, []string{"C39", "C38", "C36", "C27", "I65", "I64", "C35", "C37", "C40", "M73", "N77", "C26"}, 6, 9, 0.08, 0.15},
	{tierPillar, []string{"B06", "C31", "D44", "C30", "E48", "G54", "F52", "C33"}, 3, 5, 0.02, 0.05},
	{tierShortage, []string{"Q84", "Q85", "C43", "O80", "C34", "P83", "G59"}, 3, 5, 0.04, 0.08},
	{tierTraditional, []string{"C13", "C17", "C18", "C19", "H62", "F51", "C22", "C21"}, 2, 4, -0.01, 0.02},
	{tierDeclining, []string{"B06", "C25", "C31", "C28", "B08", "C16", "B10", "C23"}, 2, 3, -0.08, -0.03},
}

// sectionShare is each section's typical share of employment, used to
// give cities a plausible structure (roughly China's 2020s mix).
var sectionShare = map[string]float64{
	"A": 0.22, "B": 0.02, "C": 0.19, "D": 0.01, "E": 0.08, "F": 0.12,
	"G": 0.05, "H": 0.04, "I": 0.015, "J": 0.015, "K": 0.015, "L": 0.02,
	"M": 0.01, "N": 0.006, "O": 0.03, "P": 0.04, "Q": 0.03, "R": 0.006,
	"S": 0.04, "T": 0,
}

// sectorOf gives the 三次产业 of a section or division (国家统计局《三次产业划分规定》
// 2018: divisions 05, 11 and 43 are tertiary although their sections are not).
func sectorOf(code, section string) int {
	switch code {
	case "A05", "B11", "C43":
		return 3
	}
	switch section {
	case "A":
		return 1
	case "B", "C", "D", "E":
		return 2
	}
	return 3
}

// divisionWeight skews the split of a section's employment towards the
// divisions that are large in China's statistics (agriculture within A,
// retail within F, road transport within G, ...); unlisted divisions weigh 1.
var divisionWeight = map[string]float64{
	"A01": 5, "A03": 2, "A05": 0.5, "B06": 3, "B12": 0.2, "C16": 0.3,
	"C39": 2, "C36": 1.5, "C30": 1.5, "C13": 1.5, "C18": 1.5, "C42": 0.4,
	"D44": 2, "E47": 2.5, "E48": 1.5, "F51": 1.5, "F52": 2.5, "G54": 3,
	"G57": 0.1, "G56": 0.4, "G60": 1.5, "H62": 2.5, "I65": 2, "J66": 2.5,
	"L72": 3, "M79": 1, "N79": 0.3, "O80": 2, "Q84": 3, "R86": 0.6,
	"S91": 0.5, "S92": 2, "S93": 0.2, "S96": 2,
}
