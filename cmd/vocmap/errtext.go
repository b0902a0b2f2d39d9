package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/pipelines/job"
)

// configMessages holds the Chinese text of each config.Error code, with
// the error's Args in the order of config's English Msg (which is the
// English text: it is not repeated here).
var configMessages = map[string]string{
	"read":                    "无法读取：%s",
	"yaml":                    "不是有效的 YAML：%s",
	"decode":                  "无法解析：%v",
	"unknown_key":             "未知的配置项",
	"unknown_key_near":        "未知的配置项（是否想写 %q？）",
	"unknown_config_key":      "未知的配置项",
	"unknown_config_key_near": "未知的配置项（是否想写 %q？）",
	"type":                    "%q：应为 %s",
	"empty":                   "不能为空",
	"either":                  "%q：只能是 %s 或 %s",
	"negative":                "%s：不能为负",
	"min":                     "%v：须 ≥ %v",
	"period":                  "%q：格式须为 YYYY-MM",
	"year":                    "%d：须为 %d 至 %d 之间的年份",
	"range":                   "%v：须在 %v 与 %v 之间",
	"match_order":             "各阈值须递增：0 < shortage < slight_undersupply < balanced < slight_oversupply",
	"penalties":               "惩罚系数须 ≥ 0",
	"preset":                  "%q：没有这个规则预设（可选：%s）",
	"method":                  "%q：没有这个预测方法（可选：%s）",
	"method_uncalibrated":     "%q：该方法的区间和抽样未经校准，而运行的各项概率来自这些抽样；请用 %s（见 docs/models.md 第 1 节）",
	"rules":                   "规则设置无效：%v",
	"horizon":                 "%d：预测终点须晚于数据的最后一年（%s 的产业地图到 %d 年）",
	"second_document":         "情景文件只能有一个 YAML 文档；这是第二个",
	"name_missing":            "缺少（情景名称：1–40 个字符，a-z、0-9、_ 或 -）",
	"name_chars":              "%q：须为 1–40 个字符，a-z、0-9、_ 或 -",
	"seed_range":              "%s：须为 0 至 %d 之间的整数",
	"industry_code":           "%q：须为 GB/T 4754 门类字母 A-T（如 C），或门类字母加两位大类代码（如 C36）",
	"growth_low":              "%v：须大于 -1（-1 意味着第一年就失去全部岗位）",
	"growth_high":             "%v：最大为 1：这是增长率的变化，5 个百分点写作 0.05",
	"to_before_from":          "%d：不能早于 from（%d）",
	"parameters_mapping":      "须为配置项的映射，按 vocmap.yaml 的层次嵌套（如 rules: {preset: shanxi_2025}），而不是%s",
	"key_name":                "键须为名称，而不是%s",
	"twice":                   "重复出现（第一次在第 %d 行）",
	"operational":             "这是运行设置，不是情景参数：请在 vocmap.yaml、环境变量或命令行参数中设置",
	"demo_section":            "这是 vocmap demo 的设置，不是情景参数",
	"ingest_section":          "这是 vocmap ingest 的设置，不是情景参数",
	"top_draws":               "请用情景文件顶层的 draws 设置",
	"top_seed":                "请用情景文件顶层的 seed 设置",
	"single_value":            "须为单个值，而不是映射",
	"is_section":              "这是一个配置节：请在其下嵌套给出各项（%s），而不是%s",
	"duration":                "%q：须为时长，如 3m",
	"out_of_range":            "%s：超出范围",
	"not_settable":            "不能由情景设置",
	"mapping":                 "%s须为 %s 的映射，而不是%s",
	"list":                    "须为%s的列表，每项以“- ”开头，而不是%s",
	"missing":                 "缺少（%s）",
	"no_value":                "没有取值：请给出%s",
	"type_node":               "须为%s，而不是%s%s",
	"quote":                   "须为字符串，而不是%s（请加引号：\"%s\"）",
	"code6":                   "%q：须为%s的 6 位代码",
	"finite":                  "%s：须为有限的数",
	"param_type":              "须为%s，而不是 %v（%s）",
	"no_config":               "没有可应用情景的配置",
	"shock_after_horizon":     "%d：晚于 run.horizon（%d）：该冲击不会改变任何结果",
	"intake_after_horizon":    "%d：晚于 run.horizon（%d）：该调整不会改变任何结果",
	"empty_file":              "缺少（文件为空）",
	"moved_key":               "已不是配置项：该阈值由 %s 给出（供需分档、预警规则与招生计划共用一个定义）",
	"weights_unused":          "已设置，但 score.weighting 为 %s 时不会使用：要使用这些权重请把 score.weighting 设为 %s，否则把权重设为 0",
	"weights_zero":            "score.weighting 为 %s 时权重全为 0：请至少给一个指标大于 0 的权重，或把 score.weighting 设为 %s",
	"one_of":                  "%q：只能是 %s 之一",
}

// configPhrases are the Chinese of the fixed English phrases config
// passes as arguments (what a value should be, what a YAML node holds).
var configPhrases = map[string]string{
	"true or false": "true 或 false", "a whole number": "整数", "a number": "数值", "a string": "字符串",
	"a duration such as 3m": "时长（如 3m）", "a 6-digit code": "6 位代码", "a whole number ≥ 0": "≥ 0 的整数",
	"a mapping": "映射", "a list": "列表", "nothing": "空值", "an alias": "别名", " (remove the quotes)": "（请去掉引号）",
	"the scenario": "情景", "a shock": "冲击", "an intake change": "招生调整", "shocks": "冲击", "intake changes": "招生调整",
	"the GB/T 4754 section (C) or division (C36)":     "GB/T 4754 门类（C）或大类（C36）",
	"the 6-digit code of a city or a province":        "地市或省的 6 位代码",
	"the change of the annual growth rate, e.g. 0.05": "年增长率的变化，如 0.05",
	"the first year of the shock":                     "冲击的起始年", "the last year of the shock": "冲击的结束年",
	"a city or a province": "地市或省", "the 6-digit program code": "6 位专业代码", "a program": "专业",
	"the seats added each year (negative: removed)": "每年增加的招生数（负数为减少）",
	"the first year of the change":                  "调整的起始年",
}

// configWhere says where a value came from ("env VOCMAP_QUIET") in
// Chinese.
func configWhere(w string) string {
	for _, p := range [][2]string{{"file ", "配置文件 "}, {"env ", "环境变量 "}, {"flag ", "命令行参数 "}, {"default ", "默认值 "}} {
		if rest, ok := strings.CutPrefix(w, p[0]); ok {
			return p[1] + rest
		}
	}
	return w
}

// configText is a config error in the app's language.
func (a *app) configText(e *config.Error) string {
	text, ok := configMessages[strings.TrimSuffix(e.Code, "+sets")]
	if a.lang == "en" || !ok {
		return e.Error()
	}
	args := e.Args
	sets := ""
	if strings.HasSuffix(e.Code, "+sets") && len(args) > 0 {
		sets = fmt.Sprintf("（情景设置了 %v）", args[len(args)-1])
		args = args[:len(args)-1]
	}
	zh := make([]any, len(args))
	for i, x := range args {
		zh[i] = x
		if s, ok := x.(string); ok {
			if p, ok := configPhrases[s]; ok {
				zh[i] = p
			}
		}
	}
	msg := fmt.Sprintf(text, zh...) + sets
	if e.Key == "" {
		return fmt.Sprintf("配置错误：%s：%s", configWhere(e.Where), msg)
	}
	return fmt.Sprintf("配置错误：%s：%s：%s", configWhere(e.Where), e.Key, msg)
}

// checkConfig holds the checks of a configuration that need the
// analytics packages (rule presets, forecasting methods), so that every
// command, config show included, refuses what run would refuse.
func checkConfig(c *config.Config, where func(string) string) []error {
	var errs []error
	bad := func(key, code, format string, args ...any) {
		errs = append(errs, &config.Error{Where: where(key), Key: key, Code: code, Args: args, Msg: fmt.Sprintf(format, args...)})
	}
	b := bands(c)
	if b.Validate() != nil {
		b = match.Thresholds{} // config.Validate reports the bands (match_order)
	}
	if _, _, err := rules.Configure(c.Rules.Preset, b, c.Rules.Thresholds, c.Rules.GreenMinScore); err != nil {
		var names []string
		for _, p := range rules.Presets() {
			names = append(names, p.Name)
		}
		known := strings.Join(names, ", ")
		if !strings.Contains(", "+known+", ", ", "+c.Rules.Preset+", ") {
			bad("rules.preset", "preset", "%q: no such rule preset (known: %s)", c.Rules.Preset, known)
		} else {
			bad("rules.thresholds", "rules", "%v", err)
		}
	}
	var methods []string
	for _, m := range forecast.Methods {
		methods = append(methods, string(m))
	}
	for _, k := range []struct{ key, value string }{{"run.demand_method", c.Run.DemandMethod}, {"run.intake_method", c.Run.IntakeMethod}} {
		if _, err := forecast.ParseMethod(k.value); err != nil {
			bad(k.key, "method", "%q: no such forecasting method (known: %s)", k.value, strings.Join(methods, ", "))
		}
	}
	if m, err := forecast.ParseMethod(c.Run.DemandMethod); err == nil && !forecast.Calibrated(m, 1) {
		bad("run.demand_method", "method_uncalibrated", "%q: its intervals and draws are not calibrated, and the run's probabilities come from them; use %s (docs/models.md §1)", c.Run.DemandMethod, forecast.Auto)
	}
	return errs
}

// errorText says err in the app's language: each error of a joined list
// on its own line, config errors and the job's refusals translated.
func (a *app) errorText(err error) string {
	if ue, ok := err.(*usageError); ok {
		return a.errorText(ue.err)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, a.errorText(e))
		}
		return strings.Join(lines, "\n")
	}
	var ce *config.Error
	var nr *job.NoRunError
	switch {
	case errors.As(err, &ce):
		return a.configText(ce)
	case errors.As(err, &nr) && nr.Scenario != "":
		return a.msg("no_scenario_run", nr.Period, nr.Scenario)
	case errors.As(err, &nr):
		return a.msg("no_run", nr.Period)
	case errors.Is(err, job.ErrNoData):
		return a.msg("no_data")
	}
	return err.Error()
}

// jobError turns the job's refusals into usage errors (exit 2) that say
// what was not found in the user's language: a period, scenario, program,
// region, snapshot or run that the warehouse does not have, a baseline a
// scenario needs, and a horizon before the data's last year (the config
// key that set it named).
func (a *app) jobError(err error, what ...any) error {
	var he *job.HorizonError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &he):
		w := "config"
		for _, s := range a.sources {
			if s.Key == "run.horizon" {
				w = s.From + " " + s.Detail
			}
		}
		return &usageError{&config.Error{Where: w, Key: "run.horizon", Code: "horizon", Args: []any{he.Horizon, he.Province, he.Base},
			Msg: fmt.Sprintf("%d: must be after the data's last year (the industry map of %s reaches %d)", he.Horizon, he.Province, he.Base)}}
	case errors.Is(err, job.ErrNoRun):
		return &usageError{errors.New(a.errorText(err))}
	case errors.Is(err, job.ErrNoProgram):
		return &usageError{errors.New(a.msg("no_program", what...))}
	case errors.Is(err, job.ErrNoRegion):
		return &usageError{errors.New(a.msg("no_region", what...))}
	case errors.Is(err, job.ErrNotProvinceOrCity):
		return &usageError{errors.New(a.msg("region_not_province_or_city", what...))}
	case errors.Is(err, job.ErrNoSnapshot): // "job: no such snapshot …: #N"
		return &usageError{errors.New(a.msg("no_snapshot", strings.TrimPrefix(err.Error(), job.ErrNoSnapshot.Error()+": ")))}
	case errors.Is(err, job.ErrNoSuchRun):
		return &usageError{errors.New(a.msg("no_such_run", what...))}
	case errors.Is(err, job.ErrNoBaseline): // "job: … first: PERIOD"
		return &usageError{errors.New(a.msg("no_baseline", strings.TrimPrefix(err.Error(), job.ErrNoBaseline.Error()+": ")))}
	}
	return err
}
