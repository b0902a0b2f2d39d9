package main

import "fmt"

// messages holds every text the CLI prints, in Chinese and English.
var messages = map[string][2]string{
	"rejected":                        {"输入被拒绝：%d 个错误；未写入任何内容（仓库保持原样）。", "input rejected: %d error(s); nothing was written (the warehouse is unchanged)."},
	"rejected_more":                   {"（另有 %d 个错误未列出）", "(%d more errors not listed)"},
	"warnings":                        {"警告 %d 条：", "%d warnings:"},
	"warnings_more":                   {"……另有 %d 条警告，见 meta.snapshot_warnings", "... %d more warnings in meta.snapshot_warnings"},
	"run_stage":                       {"运行：%s …", "run: %s …"},
	"run_done":                        {"运行 %s 完成（期次 %s，快照 #%d，基年 %d，预测至 %d）。", "run %s done (period %s, snapshot #%d, base year %d, forecast to %d)."},
	"run_signals":                     {"预警清单：红色 %d，黄色 %d，绿色 %d；数据质量提示 %d 条。", "warning list: %d red, %d yellow, %d green; %d data-quality findings."},
	"run_note_no_job_postings":        {"  注：数据集没有招聘数据（job_postings），近期需求未作调整。", "  note: no job_postings in the dataset: near-term demand is not adjusted."},
	"run_note_no_industry_priorities": {"  注：数据集没有产业分级（industry_priorities），规划优先级与紧缺产业规则不可用。", "  note: no industry_priorities in the dataset: plan priority and the shortage-industry rule are unavailable."},
	"exported":                        {"已导出 %d 行（运行 %s）到 %s", "exported %d rows (run %s) to %s"},
	"explain_title":                   {"专业 %s %s（%s），范围 %s，地区 %s，学校 %s；运行 %s，规则预设 %s", "program %s %s (%s), scope %s, region %s, school %s; run %s, preset %s"},
	"explain_match":                   {"预测期内毕业生供给 %s，分配岗位 %s，供需比 %s（%s），超供概率 %s", "forecast supply %s, allocated openings %s, ratio %s (%s), probability of oversupply %s"},
	"explain_score":                   {"综合得分（TOPSIS，0–1，越高越符合需求）：%s", "score (TOPSIS, 0–1, higher is better aligned with demand): %s"},
	"explain_header":                  {"  指标                           取值     权重      贡献", "  indicator                     value   weight  contrib."},
	"explain_signal":                  {"信号：%s，触发的规则：", "signal: %s; rules that fired:"},
	"explain_override":                {"规划部门调整：发布信号 %s，理由：%s", "planners' override: published signal %s, reason: %s"},
	"ind_supply_demand_ratio":         {"供需比", "supply–demand ratio"},
	"ind_placement_rate":              {"去向落实率", "placement rate"},
	"ind_employment_rate":             {"就业率", "employment rate"},
	"ind_match_rate":                  {"专业对口率", "match rate"},
	"ind_relative_salary":             {"相对收入", "relative salary"},
	"ind_intake_trend":                {"招生趋势", "intake trend"},
	"ind_demand_growth":               {"对应产业需求增速", "demand growth"},
	"ind_plan_priority":               {"规划优先级", "plan priority"},
	"compare_preset":                  {"  %-12s 红 %d，黄 %d，绿 %d", "  %-12s red %d, yellow %d, green %d"},
	"compare_disagree":                {"各预设不一致的行：%d（运行 %s）", "rows where the presets disagree: %d (run %s)"},
	"demo_next_run":                   {"  为什么：vocmap --warehouse %s explain --period %s --program 420901", "  why:    vocmap --warehouse %s explain --period %s --program 420901"},
	"run_unmatched":                   {"警告：%d 条规划部门调整（overrides）对不上本次运行的任何一行（范围、区划、学校或专业代码有误），未生效：", "warning: %d overrides match no row of this run (check scope, region, school and program codes) and were not applied:"},
	"locked_by":                       {"占用者：进程 %d，主机 %s，开始于 %s（%s）。", "held by pid %d on %s since %s (%s)."},
	"waiting":                         {"仓库 %s 正被另一个进程使用，最多等待 %s …", "the warehouse %s is in use by another process; waiting up to %s …"},
	"run_changes":                     {"与上一期（运行 %[2]s）相比有 %[1]d 处变化，见 changes.csv。", "%d changes against the previous period (run %s): see changes.csv."},
	"pruned":                          {"保留期次 %v；删除了期次 %v 的结果和快照 %v。", "kept periods %v; removed the results of periods %v and snapshots %v."},
	"changes_between":                 {"运行 %s 对比 %s：%d 处变化", "run %s against %s: %d changes"},
	"run_note_no_value_added":         {"  注：产业地图没有增加值（value_added），结构偏离度不可用。", "  note: the industry map has no value_added: structural deviation is unavailable."},
	"scenario_next":                   {"  与基准比较：vocmap scenario diff --period %s --scenario %s", "  compare with the baseline: vocmap scenario diff --period %s --scenario %s"},
	"scenario_diff":                   {"情景运行 %s 对比基准 %s：%d 行有变化", "scenario run %s against baseline %s: %d rows changed"},
	"plan_sheet":                      {"招生计划建议", "intake plan"},
	"plan_done":                       {"%d 年招生计划建议（运行 %s，%d 个专业点）已写入 %s", "intake plan for %d (run %s, %d program × city cells) written to %s"},
	"plan_total":                      {"  招生总数：现 %.0f → 建议 %.0f（%+.1f%%）", "  total intake: %.0f now → %.0f proposed (%+.1f%%)"},
	"plan_bachelor":                   {"  职业本科占高职招生比重：%.1f%% → %.1f%%（距 15%% 目标还差 %.0f 人）", "  vocational-bachelor share of higher-vocational intake: %.1f%% → %.1f%% (%.0f seats short of the 15%% target)"},
	"plan_binding":                    {"  起作用的约束：%s", "  binding constraints: %s"},
	"plan_shadow":                     {"  影子价格 %s：%.4f", "  shadow price of %s: %.4f"},
	"demo_scenario":                   {"情景 %s（运城护理专业每年增招500人）：%d 行的得分或供需比变化，其中 %d 行信号改变；变化最大的：", "scenario %s (500 more nursing seats a year in Yuncheng): %d rows change score or ratio, %d of them their signal; the largest:"},
	"demo_plan":                       {"%d 年招生计划建议：总数 %.0f → %.0f；职业本科占高职比重 %.1f%% → %.1f%%（目标 15%%，一年内受变动幅度限制）。", "intake plan for %d: total %.0f → %.0f; vocational-bachelor share %.1f%% → %.1f%% (target 15%%, limited by the year's bounds)."},
	"ingested":                        {"已载入 %s，成为快照 #%d（当前快照）。", "loaded %s as snapshot #%d (now current)."},
	"valid":                           {"%s 符合数据合同 v%s：%d 张表，共 %d 行。", "%s meets data contract v%s: %d tables, %d rows."},
	"report_written":                  {"错误报告已写入 %s", "report written to %s"},
	"progress_table":                  {"  %-20s %12s 行", "  %-20s %12s rows"},
	"locked":                          {"仓库 %s 正被另一个 vocmap 进程占用（写锁），请稍后再试。", "the warehouse %s is held by another vocmap process (write lock); try again later."},
	"corrupt_warehouse":               {"仓库文件 %s 已损坏或被截断，DuckDB 无法读取（%s）。vocmap 不能修复它；快照也保存在同一个文件里，所以 vocmap snapshots 帮不上忙。请停止定时任务，把损坏的文件（连同 .wal）移到一边，从备份恢复仓库文件，再重跑备份之后的各期（见 docs/operations.md 第 6 节“恢复”）。", "the warehouse file %s is damaged or truncated and DuckDB cannot read it (%s). vocmap cannot repair it, and the snapshots live in the same file, so vocmap snapshots cannot help: stop the scheduled job, move the damaged file (and its .wal) aside, restore the file from a backup and re-run the periods after the backup (docs/operations.md, section 6, Restore)."},
	"period_range":                    {"期次 %s 超出数据的年份范围：产业地图覆盖 %d–%d 年，期次须在 %d-01 至 %d-12 之间（不早于数据的第一年，不晚于最后一年之后两年）。", "period %s is outside the data's years: the industry map covers %d–%d, so a period must lie between %d-01 and %d-12 (not before the data's first year, at most two years after its last)."},
	"snapshot_id":                     {"--snapshot %d：快照编号从 1 开始（vocmap snapshots list 列出全部快照）。", "--snapshot %d: snapshot ids start at 1 (vocmap snapshots list shows them)."},
	"run_incomplete":                  {"运行 %s 的结果已存入仓库，但输出文件夹不完整（见其中 manifest.json 的 incomplete；vocmap report --period %s 可补写报告）：%v", "run %s stored its results, but its output folder is incomplete (manifest.json's \"incomplete\" says what is missing; vocmap report --period %s writes the reports again): %v"},
	"no_new_data":                     {"没有新数据：当前快照 #%d 已被期次 %s 使用过（本月的数据包还没有到？）。未运行，退出码 5；数据到了再运行。", "no new data: the current snapshot #%d was already used by period %s (has this month's drop arrived?). Not run, exit 5; run again when the data arrive."},
	"no_new_data_dir":                 {"没有新数据：%s 中的文件与当前快照 #%d 完全相同（SHA-256 一致）。未载入、未运行，退出码 5。", "no new data: %s holds exactly the files of the current snapshot #%d (same SHA-256). Nothing loaded or run, exit 5."},
	"run_data_as_of":                  {"数据截至 %d 年（快照 #%d，%s 载入）。", "data as of %d (snapshot #%d, loaded %s)."},
	"run_stale":                       {"注意：本期用的数据与上一期完全相同（没有新数据）；manifest.json 中 new_data 为 false。", "note: this period read exactly the same data as the previous one (no new data); manifest.json says new_data: false."},
	"locked_other":                    {"仓库 %s 的写锁（%s）被另一个进程持有，但锁文件里没有正在运行的 vocmap（可能是备份程序的 flock）；请等它结束后再试。", "the write lock of the warehouse %s (%s) is held by another process, and no running vocmap names itself in the lock file (a backup's flock, say); try again when it has finished."},
	"no_warehouse":                    {"找不到仓库 %s：请先运行 vocmap ingest --data DIR 或 vocmap demo。", "no warehouse at %s: run vocmap ingest --data DIR or vocmap demo first."},
	"interrupted":                     {"已中断。", "interrupted."},
	"sql_refused_parse":               {"查询无法解析：%s", "the query does not parse: %s"},
	"sql_refused_invalid":             {"查询无法执行：%s", "the query cannot run: %s"},
	"sql_refused_empty":               {"查询为空。", "the query is empty."},
	"sql_refused_multiple":            {"只能运行一条查询：文本中有多条语句（用分号分开）。请一次运行一条。", "only one query runs: the text holds several statements (separated by semicolons); run them one at a time."},
	"sql_refused_not_select":          {"vocmap sql 只运行只读查询（SELECT、WITH、FROM、VALUES、DESCRIBE、SHOW、SUMMARIZE），拒绝 %s 语句；仓库未被改动。", "vocmap sql runs read-only queries only (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE) and refuses a %s statement; the warehouse is unchanged."},
	"error":                           {"错误：%v", "error: %v"},
	"usage_hint":                      {"用法见 vocmap%s --help", "see vocmap%s --help"},
	"templates":                       {"已写入 %d 个模板文件到 %s（每张表 CSV 与 XLSX，中文表头；规则见 XLSX 的“说明”页和 说明.csv）。", "wrote %d template files to %s (CSV and XLSX per table, Chinese headers; rules in each XLSX's 说明 sheet and in 说明.csv)."},
	"generated":                       {"已生成 %s 规模的合成数据集（种子 %d）到 %s：%d 张表，%d 行，%.1f MB。", "generated a %s-scale synthetic dataset (seed %d) in %s: %d tables, %d rows, %.1f MB."},
	"demo_title":                      {"vocmap 演示完成（山西省示例数据，期次 %s）", "vocmap demo done (Shanxi demo dataset, period %s)"},
	"demo_data":                       {"  数据：%d 个地市、%d 所学校、%d 个专业；产业地图 %d–%d 年", "  data: %d cities, %d schools, %d programs; industry map %d–%d"},
	"demo_intake":                     {"  %d 年招生：中职 %.0f 人，高职专科 %.0f 人，职业本科 %.0f 人（职业本科占高职 %.1f%%，政策目标 ≥ 15%%）", "  intake %d: secondary %.0f, higher %.0f, bachelor %.0f (bachelor is %.1f%% of higher; policy target ≥ 15%%)"},
	"demo_snapshot":                   {"  仓库：%s（快照 #%d，%d 张表，%d 行，%d 条警告）", "  warehouse: %s (snapshot #%d, %d tables, %d rows, %d warnings)"},
	"demo_forecast":                   {"  预测：全省 %d 个行业的从业人员预测到 %d 年（含 80%%/95%% 区间）", "  forecast: the province's employment in %d industries to %d (80%%/95%% intervals)"},
	"demo_outputs":                    {"  输出：%s", "  outputs: %s"},
	"demo_stages":                     {"  用时：%s", "  time: %s"},
	"demo_next":                       {"  试试：vocmap --warehouse %s sql \"SELECT level, count(*) FROM programs GROUP BY level\"", "  try: vocmap --warehouse %s sql \"SELECT level, count(*) FROM programs GROUP BY level\""},
	"forecast_done":                   {"已预测 %d 条序列 %d 步，写入 %s", "forecast %d series %d steps ahead into %s"},
	"config_col_key":                  {"配置项", "key"},
	"config_col_value":                {"取值", "value"},
	"config_col_from":                 {"来源", "source"},
}

// msg formats a message in the app's language.
func (a *app) msg(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	t := m[0]
	if a.lang == "en" {
		t = m[1]
	}
	return fmt.Sprintf(t, args...)
}
