package rules

import (
	"math"
	"strconv"
	"strings"
)

// overrideCode is the reason code of a signal set by the planners rather
// than by a rule; no rule may use it.
const overrideCode = "override"

// builtinRules maps the code of every rule of a built-in preset to the
// rule, with its default threshold.
var builtinRules = func() map[string]Rule {
	m := map[string]Rule{}
	for _, p := range Presets() {
		for _, r := range p.Rules {
			if _, ok := m[r.Code]; !ok {
				m[r.Code] = r
			}
		}
	}
	return m
}()

// ReasonText returns the text of a reason code for reports, in Chinese
// ("zh", the default) or English ("en"), e.g. "近两届毕业去向落实率均低于60%"
// for "placement_below_60_two_years". It knows the code of every rule of
// the built-in presets, with their default thresholds, and "override"
// (规划部门决定, planners' decision); an unknown code is returned as it is.
// Preset.ReasonText gives the text with the thresholds of a preset.
func ReasonText(code, lang string) string {
	if code == overrideCode {
		return pick(isEnglish(lang), "规划部门决定", "planners' decision")
	}
	if r, ok := builtinRules[code]; ok {
		if s := ruleText(r, isEnglish(lang)); s != "" {
			return s
		}
	}
	return code
}

// ReasonsText returns the texts of codes, as ReasonText gives them, joined
// with "；" in Chinese or "; " in English.
func ReasonsText(codes []string, lang string) string {
	texts := make([]string, len(codes))
	for i, c := range codes {
		texts[i] = ReasonText(c, lang)
	}
	return strings.Join(texts, pick(isEnglish(lang), "；", "; "))
}

// ReasonText returns the text of a reason code with the threshold and
// years of the preset's rule of that code, so that a threshold changed to
// 0.55 reads 55%. A code that is not one of the preset's rules, or whose
// rule has an unknown kind, gets the text of the package's ReasonText.
func (p Preset) ReasonText(code, lang string) string {
	if r, ok := p.rule(code); ok && code != overrideCode {
		if s := ruleText(r, isEnglish(lang)); s != "" {
			return s
		}
	}
	return ReasonText(code, lang)
}

// ruleText describes what makes r fire, in English if en, else in
// Chinese; "" for an unknown kind.
func ruleText(r Rule, en bool) string {
	t := r.Threshold
	switch r.Kind {
	case PlacementBelow:
		if r.Years <= 1 {
			return pick(en, "最近一届毕业去向落实率低于"+percent(t)+"%",
				"placement rate of the latest graduating class below "+percent(t)+"%")
		}
		return pick(en, "近"+countZh(r.Years)+"届毕业去向落实率均低于"+percent(t)+"%",
			"placement rate below "+percent(t)+"% in each of the last "+countEn(r.Years)+" graduating classes")
	case PlacementBottom:
		if r.Years <= 1 {
			return pick(en, "最近一届毕业去向落实率处于同类专业末位"+percent(t)+"%",
				"placement rate of the latest graduating class in the bottom "+percent(t)+"% of peer programs")
		}
		return pick(en, "近"+countZh(r.Years)+"届毕业去向落实率均处于同类专业末位"+percent(t)+"%",
			"placement rate in the bottom "+percent(t)+"% of peer programs in each of the last "+countEn(r.Years)+" graduating classes")
	case SupplyExceedsDemand:
		return pick(en, "预测供给超过需求(供需比≥"+number(t)+")",
			"forecast supply exceeds demand (supply–demand ratio ≥ "+number(t)+")")
	case DemandDeclining:
		if t < 0 {
			return pick(en, "对口行业预测用人需求年均下降超过"+percent(-t)+"%",
				"forecast employment in the program's industries falls by more than "+percent(-t)+"% a year")
		}
		return pick(en, "对口行业预测用人需求年均增长低于"+percent(t)+"%",
			"forecast employment in the program's industries grows by less than "+percent(t)+"% a year")
	case ShortageIndustry:
		return pick(en, "对接紧缺或战略性新兴产业，预测供给不足(供需比<"+number(t)+")",
			"feeds a shortage or strategic emerging industry with forecast supply short of demand (supply–demand ratio < "+number(t)+")")
	case NoIntake:
		if r.Years <= 1 {
			return pick(en, "最近一年未招生", "no intake in the latest year")
		}
		return pick(en, "连续"+countZh(r.Years)+"年未招生", "no intake for "+countEn(r.Years)+" years running")
	case TooManySites:
		return pick(en, "全省开设学校超过"+number(t)+"所", "offered at more than "+number(t)+" schools in the province")
	case ControlList:
		if t > 0 {
			return pick(en, "列入省级调控专业名单或全省开设学校超过"+number(t)+"所",
				"on the province's control list or offered at more than "+number(t)+" schools in the province")
		}
		return pick(en, "列入省级调控专业名单", "on the province's control list")
	case EncouragedList:
		return pick(en, "列入省级鼓励发展专业名单", "on the province's encouraged list")
	case LowScore:
		return pick(en, "综合评分低于"+number(t), "composite score below "+number(t))
	case NoDemand:
		return pick(en, "所在就业市场预测期内对口岗位不足1个，供需比无法计算，待研判(产业地图可能未列该行业)",
			"fewer than one forecast opening in the program's labour market over the horizon: no supply–demand ratio; for a planner to judge (the industry map may not list the industry)")
	case PriorityBelowTarget:
		return pick(en, "对接规划重点产业，其趋势增速低于规划目标增速：不按趋势缩减，待研判",
			"feeds a priority industry of the plan whose trend growth is below the plan's target: not cut on the trend alone, for a planner to judge")
	}
	return ""
}

// percent formats a fraction as a percentage without rounding noise:
// 0.55 gives "55", 0.125 gives "12.5".
func percent(x float64) string {
	return number(x * 100)
}

// number formats x in the shortest form after rounding away floating-point
// noise (to 6 decimals): 1.5 gives "1.5", 15 gives "15".
func number(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	r := math.Round(x*1e6) / 1e6
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// countZh writes a count of years in Chinese: 两 for 2, 三 … 十 up to 10,
// digits beyond.
func countZh(n int) string {
	zh := []string{"零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 0 && n < len(zh) {
		return zh[n]
	}
	return strconv.Itoa(n)
}

// countEn writes a count of years in English words up to ten, digits
// beyond.
func countEn(n int) string {
	en := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(en) {
		return en[n]
	}
	return strconv.Itoa(n)
}
