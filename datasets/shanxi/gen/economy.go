package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

type city struct {
	code, name, short string
	pop, gdp2021      float64 // 万人, 亿元 (shanxi_facts.md, 2021)
}

var cities = []city{
	{"140100", "太原市", "太原", 539.10, 5121.61},
	{"140200", "大同市", "大同", 309.87, 1686.0},
	{"140300", "阳泉市", "阳泉", 131.10, 916.6},
	{"140400", "长治市", "长治", 315.17, 2311.1},
	{"140500", "晋城市", "晋城", 218.86, 1912.4},
	{"140600", "朔州市", "朔州", 159.03, 1420.6},
	{"140700", "晋中市", "晋中", 339.00, 1843.4},
	{"140800", "运城市", "运城", 473.32, 2053.1},
	{"140900", "忻州市", "忻州", 266.32, 1344.4},
	{"141000", "临汾市", "临汾", 391.24, 1909.5},
	{"141100", "吕梁市", "吕梁", 337.47, 2071.4},
}

const provCode = "140000"

var mapYears = [2]int{2010, 2025}

// divBase: province employment 2023 (万人, before scaling to the sector
// targets), yearly growth, relative productivity. Divisions not listed get
// the defaults of their section (see divDefaults).
const divBase = `
A01:300:-0.015:1.0 A02:12:-0.01:1.0 A03:70:-0.005:1.2 A04:2:0:1.0 A05:15:0.01:0.8
B06:0:-0.025:3.0 B07:1:0:3.0 B08:5:-0.02:1.5 B09:1.5:-0.02:1.5 B10:2:-0.02:1.2 B11:1.5:0:1.5 B12:0.2:0:1.0
C13:8:0.01:1.0 C14:4:0.01:1.0 C15:5:0.02:2.0 C16:0.5:0:5.0 C17:2:-0.03:0.8 C18:2:-0.03:0.8 C19:0.5:-0.03:0.8
C20:0.7:-0.02:0.8 C21:0.5:0:0.8 C22:1:-0.01:1.0 C23:1:-0.01:1.0 C24:0.6:0:0.8 C25:16:-0.03:1.5 C26:9:0.01:1.3
C27:4:0.04:1.4 C28:0.3:0:1.0 C29:2.5:0:1.0 C30:14:-0.01:1.0 C31:22:-0.01:1.8 C32:8:0.01:1.5 C33:6:0:1.0
C34:6:0.02:1.1 C35:8:0.03:1.2 C36:5:0.07:1.4 C37:4:0.03:1.3 C38:5:0.08:1.4 C39:6:0.09:1.5 C40:1:0.03:1.2
C41:0.5:0:0.8 C42:1.5:0.05:1.0 C43:1.5:0.01:1.0
D44:10:0.03:2.5 D45:2:0.02:2.0 D46:2:0.01:1.2
E47:60:-0.005:0.5 E48:40:0.005:0.5 E49:15:0.01:0.5 E50:20:0:0.5
F51:60:0.01:1.3 F52:110:0.01:0.8
G53:15:0:1.2 G54:45:0.01:1.2 G55:0.1:0:1.0 G56:1:0.03:1.5 G57:0.3:0:2.0 G58:5:0.04:1.2 G59:8:0.04:1.2 G60:6:0.03:1.0
H61:20:0.01:0.6 H62:55:0.02:0.6
I63:6:0.01:3.0 I64:5:0.06:2.5 I65:12:0.09:2.0
J66:22:0.01:4.0 J67:2:0.01:4.0 J68:10:0.01:3.0 J69:2:0.01:3.0
K70:30:0:5.0
L71:2:0.02:1.0 L72:35:0.02:1.0
M73:6:0.02:1.3 M74:12:0.02:1.3 M75:4:0.02:1.3
N76:3:0:0.8 N77:4:0.04:0.8 N78:10:0.01:0.8 N79:0.5:0:0.8
O80:50:0.04:0.5 O81:25:0.01:0.5 O82:20:0.01:0.5
P83:70:0.005:0.9
Q84:50:0.035:1.0 Q85:8:0.08:0.7
R86:2:-0.02:0.8 R87:1.5:0.01:0.8 R88:5:0.01:0.8 R89:3:0.02:0.8 R90:6:0.01:0.8
S91:10:0:0.9 S92:40:0:0.9 S93:0.5:0:0.9 S94:5:0.01:0.9 S95:3:0:0.9 S96:60:-0.005:0.2
`

type divParam struct{ base, growth, prod float64 }

func parseDivBase() map[string]divParam {
	m := map[string]divParam{}
	for _, tok := range strings.Fields(divBase) {
		f := strings.Split(tok, ":")
		b, _ := strconv.ParseFloat(f[1], 64)
		g, _ := strconv.ParseFloat(f[2], 64)
		p, _ := strconv.ParseFloat(f[3], 64)
		m[f[0]] = divParam{b, g, p}
	}
	return m
}

// sector targets 2023 (shanxi_facts.md): employment 1,704万 × 23.42/25.47/51.12 %,
// value added 1,388.96 / 13,329.69 / 10,979.64 亿元.
var empTarget2023 = [4]float64{0, 1704 * 0.2342, 1704 * 0.2547, 1704 * 0.5112}
var vaTarget2023 = [4]float64{0, 1388.96, 13329.69, 10979.64}

// price/productivity index of value added per worker, by sector, 2023 = 1.
var vaIndex = map[int][]float64{ // 2010..2025
	1: {0.50, 0.55, 0.60, 0.64, 0.67, 0.70, 0.72, 0.74, 0.78, 0.84, 0.88, 0.905, 0.945, 1.0, 1.02, 1.04},
	2: {0.72, 0.85, 0.82, 0.74, 0.68, 0.56, 0.55, 0.68, 0.72, 0.74, 0.72, 0.835, 1.036, 1.0, 0.95, 0.94},
	3: {0.40, 0.45, 0.50, 0.55, 0.60, 0.66, 0.70, 0.74, 0.80, 0.87, 0.86, 0.945, 0.967, 1.0, 1.04, 1.08},
}

func sectorOf(section string) int {
	switch section {
	case "A":
		return 1
	case "B", "C", "D", "E":
		return 2
	}
	return 3
}

// covid: 2020 employment dip by section (value added uses the square).
func covid(section string, y int) float64 {
	if y == 2020 {
		switch section {
		case "H":
			return 0.88
		case "R":
			return 0.93
		case "O", "L":
			return 0.95
		case "F", "G":
			return 0.97
		}
		return 0.99
	}
	if y == 2022 && section == "H" {
		return 0.97
	}
	return 1
}

// citySpec: relative concentration of a division (or section) in a city
// (index into cities), default 1; for tertiary sections 太原 defaults to 1.6.
var citySpec = map[string][]float64{
	//    太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
	"B06": {0.4, 1.6, 2.4, 1.8, 2.4, 2.0, 1.0, 0.03, 1.0, 1.0, 1.8},
	"B08": {0.5, 1, 0.5, 1, 0.5, 1, 1, 1, 3, 1.5, 1.5},
	"C25": {0.6, 0.5, 0.4, 2.0, 0.6, 0.3, 1.5, 1.5, 0.5, 2.5, 3.0},
	"C31": {3.0, 0.5, 0.5, 1.5, 0.8, 0.3, 0.8, 0.8, 0.3, 1.5, 0.5},
	"C32": {0.5, 0.4, 1.0, 0.3, 0.3, 0.5, 0.5, 3.0, 1.0, 0.5, 2.0},
	"C15": {0.4, 0.4, 0.3, 0.4, 0.3, 0.3, 0.6, 0.5, 0.4, 0.5, 5.0},
	"C36": {2.2, 0.6, 0.2, 0.6, 0.3, 0.2, 2.8, 1.6, 0.2, 0.3, 0.2},
	"C37": {2.2, 2.8, 0.3, 0.6, 0.3, 0.3, 1.0, 0.5, 0.3, 0.3, 0.2},
	"C38": {2.0, 1.5, 0.6, 1.5, 1.2, 1.0, 0.8, 0.6, 0.8, 0.5, 0.5},
	"C39": {3.2, 0.3, 0.3, 2.0, 1.8, 0.2, 1.0, 0.3, 0.2, 0.3, 0.2},
	"C34": {2.0, 0.8, 0.8, 1.2, 1.0, 0.5, 1.4, 0.8, 0.5, 0.6, 0.4},
	"C35": {2.2, 0.8, 0.6, 1.2, 1.2, 0.5, 1.2, 0.6, 0.5, 0.5, 0.4},
	"C27": {2.0, 0.5, 0.3, 1.0, 0.5, 0.3, 1.0, 1.5, 0.5, 0.6, 0.6},
	"D44": {1.0, 1.5, 1.0, 1.0, 1.0, 1.6, 0.8, 1.0, 1.2, 0.8, 1.0},
	"A":   {0.25, 0.9, 0.6, 1.0, 0.9, 1.0, 1.1, 1.5, 1.2, 1.2, 1.1},
	"I":   {3.0, 0.9, 0.8, 0.9, 0.8, 0.7, 1.0, 0.7, 0.6, 0.8, 0.6},
	"J":   {2.6, 1, 1, 1, 1, 1, 1, 0.8, 0.8, 0.9, 0.9},
	"K":   {2.2, 1, 1, 1, 1, 1, 1, 0.8, 0.8, 0.9, 0.9},
	"M":   {3.0, 1, 0.8, 1, 0.8, 0.7, 1, 0.7, 0.6, 0.8, 0.7},
}

type cell struct {
	emp int64
	va  float64
}

// economy holds the industry map: year -> region -> division -> cell.
type economy struct {
	divs   []gbIndustry // divisions of sections A..S in order
	params map[string]divParam
	provE  map[int]map[string]float64 // year -> div -> 万人 (noise-free)
	provVA map[int]map[string]float64 // year -> div -> 亿元 (noise-free)
	empSh  map[string][]float64       // div -> city shares
	vaSh   map[string][]float64
	cells  map[int]map[string]map[string]cell
}

func sectionOf(code string) string { return code[:1] }

func buildEconomy() *economy {
	e := &economy{params: parseDivBase(), provE: map[int]map[string]float64{}, provVA: map[int]map[string]float64{},
		empSh: map[string][]float64{}, vaSh: map[string][]float64{}, cells: map[int]map[string]map[string]cell{}}
	for _, g := range gbIndustries {
		if g.parent != "" && g.parent != "T" {
			if _, ok := e.params[g.code]; !ok {
				panic("no divBase for " + g.code)
			}
			e.divs = append(e.divs, g)
		}
	}
	// raw 2023 values, coal pinned to 93.93万 in 2015
	raw := map[string]float64{}
	sum := [4]float64{}
	coal2023 := 93.93 * math.Pow(1-0.025, 8)
	for _, d := range e.divs {
		v := e.params[d.code].base
		if d.code == "B06" {
			continue
		}
		raw[d.code] = v
		sum[sectorOf(d.parent)] += v
	}
	scale := [4]float64{}
	for s := 1; s <= 3; s++ {
		t := empTarget2023[s]
		if s == 2 {
			t -= coal2023
		}
		scale[s] = t / sum[s]
	}
	for y := mapYears[0]; y <= mapYears[1]; y++ {
		e.provE[y] = map[string]float64{}
		for _, d := range e.divs {
			p := e.params[d.code]
			var v float64
			if d.code == "B06" {
				v = 93.93 * math.Pow(1+p.growth, float64(y-2015))
			} else {
				g := p.growth
				// new-economy divisions grew more slowly before 2016
				if y < 2016 && g > 0.04 {
					g = g * 0.6
				}
				v = raw[d.code] * scale[sectorOf(d.parent)] * math.Pow(1+g, float64(y-2023))
			}
			e.provE[y][d.code] = v * covid(d.parent, y)
		}
	}
	// productivity scale so that 2023 value added matches the sector targets
	vsum := [4]float64{}
	for _, d := range e.divs {
		vsum[sectorOf(d.parent)] += e.provE[2023][d.code] * e.params[d.code].prod
	}
	for y := mapYears[0]; y <= mapYears[1]; y++ {
		e.provVA[y] = map[string]float64{}
		for _, d := range e.divs {
			s := sectorOf(d.parent)
			c := covid(d.parent, y)
			e.provVA[y][d.code] = e.provE[y][d.code] * e.params[d.code].prod * vaTarget2023[s] / vsum[s] * vaIndex[s][y-mapYears[0]] * c
		}
	}
	// city employment shares
	for _, d := range e.divs {
		sh := make([]float64, len(cities))
		spec, ok := citySpec[d.code]
		if !ok {
			spec = citySpec[d.parent]
		}
		t := 0.0
		for i, c := range cities {
			m := 1.0
			if spec != nil {
				m = spec[i]
			} else if i == 0 && sectorOf(d.parent) == 3 {
				m = 1.6
			} else if i == 0 && sectorOf(d.parent) == 2 {
				m = 1.3
			}
			sh[i] = c.pop * m
			t += sh[i]
		}
		for i := range sh {
			sh[i] /= t
		}
		e.empSh[d.code] = sh
	}
	// value-added shares: raking (IPF) on 2021 so that city totals match the
	// published 2021 city GDP and division totals match the province.
	M := make([][]float64, len(cities))
	gdpSum := 0.0
	for _, c := range cities {
		gdpSum += c.gdp2021
	}
	vaTot := 0.0
	for _, d := range e.divs {
		vaTot += e.provVA[2021][d.code]
	}
	for i := range cities {
		M[i] = make([]float64, len(e.divs))
		for j, d := range e.divs {
			M[i][j] = e.empSh[d.code][i] * e.provVA[2021][d.code]
		}
	}
	for it := 0; it < 200; it++ {
		for i, c := range cities {
			r := 0.0
			for j := range e.divs {
				r += M[i][j]
			}
			f := c.gdp2021 / gdpSum * vaTot / r
			for j := range e.divs {
				M[i][j] *= f
			}
		}
		for j, d := range e.divs {
			col := 0.0
			for i := range cities {
				col += M[i][j]
			}
			if col == 0 {
				continue
			}
			f := e.provVA[2021][d.code] / col
			for i := range cities {
				M[i][j] *= f
			}
		}
	}
	for j, d := range e.divs {
		sh := make([]float64, len(cities))
		for i := range cities {
			sh[i] = M[i][j] / e.provVA[2021][d.code]
		}
		e.vaSh[d.code] = sh
	}
	// cells with mild noise; province = sum of cities
	for y := mapYears[0]; y <= mapYears[1]; y++ {
		e.cells[y] = map[string]map[string]cell{provCode: {}}
		for _, c := range cities {
			e.cells[y][c.code] = map[string]cell{}
		}
		for _, d := range e.divs {
			var pe int64
			var pv float64
			for i, c := range cities {
				emp := int64(math.Round(e.provE[y][d.code] * e.empSh[d.code][i] * 10000 * noise(0.015)))
				va := round2(e.provVA[y][d.code] * e.vaSh[d.code][i] * noise(0.02))
				e.cells[y][c.code][d.code] = cell{emp, va}
				pe += emp
				pv += va
			}
			e.cells[y][provCode][d.code] = cell{pe, round2(pv)}
		}
	}
	return e
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (e *economy) industryMapRows() [][]string {
	var rows [][]string
	regions := append([]string{provCode}, cityCodes()...)
	for y := mapYears[0]; y <= mapYears[1]; y++ {
		for _, r := range regions {
			for _, d := range e.divs {
				c := e.cells[y][r][d.code]
				rows = append(rows, []string{itoa(y), r, d.code, strconv.FormatInt(c.emp, 10), ff(c.va, 2)})
			}
		}
	}
	return rows
}

func cityCodes() []string {
	var s []string
	for _, c := range cities {
		s = append(s, c.code)
	}
	return s
}

// empOf: persons employed in a city/division/year (from the map).
func (e *economy) empOf(y int, region, div string) float64 {
	return float64(e.cells[y][region][div].emp)
}

type priority struct {
	region, code, tier string
	growth             string
	source             string
}

const (
	srcSE   = "晋政发〔2021〕17号《山西省“十四五”14个战略性新兴产业规划》"
	srcCh   = "山西省16条重点产业链（2022–2023）"
	srcVoc  = "中共山西省委办公厅、山西省人民政府办公厅《关于推动现代职业教育高质量发展的实施意见》（2023）（八）托幼、护理、康养、家政"
	srcPlan = "《山西省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》（晋政发〔2021〕8号）"
)

func priorities() [][]string {
	ps := []priority{
		{provCode, "C39", "strategic_emerging", "0.12", srcSE + "：信息技术应用创新、半导体、光电"},
		{provCode, "I65", "strategic_emerging", "0.12", srcSE + "：大数据融合创新；" + srcCh + "：信息技术融合应用"},
		{provCode, "C36", "strategic_emerging", "0.15", srcSE + "：智能网联新能源汽车；" + srcCh + "：新能源汽车"},
		{provCode, "C38", "strategic_emerging", "0.12", srcSE + "：光伏；" + srcCh + "：风电装备、光伏、新型储能"},
		{provCode, "C37", "strategic_emerging", "0.08", srcSE + "：先进轨道交通装备、通用航空"},
		{provCode, "C35", "strategic_emerging", "0.08", srcSE + "：煤机智能制造装备；" + srcCh + "：高端装备制造"},
		{provCode, "C27", "strategic_emerging", "0.08", srcSE + "：现代生物医药和大健康；" + srcCh + "：现代医药"},
		{provCode, "C26", "strategic_emerging", "0.06", srcSE + "：碳基新材料、生物基新材料；" + srcCh + "：合成生物、碳基新材料"},
		{provCode, "C42", "strategic_emerging", "0.06", srcSE + "：节能环保；" + srcCh + "：废弃资源综合利用"},
		{provCode, "C31", "pillar", "0.02", srcCh + "：特钢材料"},
		{provCode, "C32", "pillar", "0.03", srcSE + "：特种金属材料；" + srcCh + "：铝镁精深加工、铜基新材料"},
		{provCode, "D44", "pillar", "0.04", srcPlan + "：能源革命综合改革试点"},
		{provCode, "E47", "pillar", "0.01", srcCh + "：装配式建筑"},
		{provCode, "C15", "pillar", "0.05", srcPlan + "：特色食品（汾酒）"},
		{provCode, "G59", "pillar", "0.05", srcPlan + "：现代物流"},
		{provCode, "Q84", "shortage", "0.05", srcVoc + "（护理）"},
		{provCode, "Q85", "shortage", "0.10", srcVoc + "（托幼、康养）"},
		{provCode, "O80", "shortage", "0.06", srcVoc + "（家政、托育）"},
		{provCode, "A01", "traditional", "-0.01", srcPlan},
		{provCode, "C30", "traditional", "0", srcPlan},
		{provCode, "E48", "traditional", "0", srcPlan},
		{provCode, "F52", "traditional", "0.01", srcPlan},
		{provCode, "H62", "traditional", "0.02", srcPlan},
		{provCode, "B06", "declining", "-0.03", srcPlan + "：煤炭产能总量控制、智能化改造（dataset's reading）"},
		{provCode, "C25", "declining", "-0.04", srcPlan + "：焦化行业压减过剩产能、升级改造（dataset's reading）"},
		{"140100", "C39", "strategic_emerging", "0.15", srcSE + "（太原：信创、半导体）"},
		{"140700", "C36", "strategic_emerging", "0.18", srcSE + "（晋中：新能源汽车）"},
		{"140200", "C37", "strategic_emerging", "0.10", srcSE + "（大同：通用航空）"},
		{"140400", "C39", "strategic_emerging", "0.12", srcSE + "（长治：光电、半导体）"},
		{"141100", "C25", "declining", "-0.05", srcPlan + "（吕梁：焦化）"},
		{"140300", "B06", "declining", "-0.04", srcPlan + "（阳泉：煤炭）"},
	}
	var rows [][]string
	for _, p := range ps {
		rows = append(rows, []string{p.region, p.code, p.tier, p.growth, p.source})
	}
	return rows
}

// job postings: monthly, city × division, for the divisions programs map to.
var season = []float64{0.72, 0.70, 1.38, 1.22, 1.05, 1.00, 0.95, 0.95, 1.05, 0.92, 0.90, 0.80}

var seekerRatio = map[string]float64{
	"F52": 1.45, "F51": 1.3, "L72": 1.55, "I64": 1.25, "H61": 1.35, "H62": 1.1, "M74": 1.2, "E47": 1.3, "E50": 1.2,
	"B06": 1.35, "C25": 1.4, "Q84": 0.7, "Q85": 0.45, "O80": 0.5, "P83": 0.9, "C36": 0.7, "C38": 0.75, "C39": 0.8,
	"I65": 0.95, "D44": 0.85, "C37": 0.8, "O81": 0.9, "G59": 1.0, "G58": 1.0, "G54": 1.05,
}

func turnover(div string) float64 {
	switch div[:1] {
	case "F", "H", "O":
		return 0.018
	case "Q":
		return 0.012
	case "B":
		return 0.004
	case "A":
		return 0.002
	case "S", "P":
		return 0.004
	}
	return 0.010
}

func (e *economy) jobPostings(divs []string) [][]string {
	var rows [][]string
	for y := 2019; y <= 2025; y++ {
		for m := 1; m <= 12; m++ {
			for _, c := range cities {
				for _, d := range divs {
					emp := e.empOf(y, c.code, d)
					// province trend of the division (noise-free): replacement
					// demand plus expansion demand
					growth := e.provE[y][d]/e.provE[y-1][d] - 1
					dem := emp * (turnover(d) + math.Max(growth, -0.03)/12)
					dem = math.Max(dem, emp*turnover(d)*0.3)
					f := season[m-1]
					if y == 2020 && m >= 2 && m <= 4 {
						f *= []float64{0.35, 0.55, 0.75}[m-2]
					}
					if y == 2022 && (m == 4 || m == 11 || m == 12) {
						f *= 0.85
					}
					p := math.Round(dem * f * noise(0.08))
					r, ok := seekerRatio[d]
					if !ok {
						r = 1.0
					}
					// over-supplied fields drift up, shortage fields down
					r *= math.Pow(1+0.03*sign(r-1), float64(y-2019))
					s := math.Round(p * r * noise(0.06))
					rows = append(rows, []string{fmt.Sprintf("%d-%02d", y, m), c.code, d, ftoa0(p), ftoa0(s)})
				}
			}
		}
	}
	return rows
}

func sign(v float64) float64 {
	if v > 0 {
		return 1
	}
	if v < 0 {
		return -1
	}
	return 0
}
