package web

// texts holds every text the workbench shows, in Chinese and English.
var texts = map[string][2]string{
	"app":                 {"职业教育专业布局工作台", "Vocational programme planning workbench"},
	"signin_title":        {"登录", "Sign in"},
	"signin_name":         {"账户", "Account"},
	"signin_password":     {"密码", "Password"},
	"signin_submit":       {"登录", "Sign in"},
	"signin_wrong":        {"账户或密码不对。", "Wrong account or password."},
	"signin_help":         {"没有账户？请管理员运行 vocmap users add。", "No account? Ask an administrator to run vocmap users add."},
	"signout":             {"退出", "Sign out"},
	"lang_switch":         {"English", "中文"},
	"lang_other":          {"en", "zh"},
	"index_title":         {"期次与运行", "Periods and runs"},
	"index_none":          {"还没有成功的运行：请先运行 vocmap run --period YYYY-MM。", "No successful run yet: run vocmap run --period YYYY-MM first."},
	"col_period":          {"期次", "Period"},
	"col_run":             {"运行", "Run"},
	"col_scenario":        {"情景", "Scenario"},
	"col_status":          {"状态", "Status"},
	"col_started":         {"开始", "Started"},
	"col_finished":        {"完成", "Finished"},
	"col_error":           {"错误", "Error"},
	"baseline":            {"基准", "baseline"},
	"err_title":           {"出错了", "Something went wrong"},
	"err_signin_needed":   {"请先登录。", "Please sign in."},
	"err_forbidden":       {"您的账户角色无权进行此操作。", "Your account's role does not allow this."},
	"err_csrf":            {"表单已过期或来源不明（CSRF 校验未通过），请刷新页面后重试。", "The form expired or came from elsewhere (CSRF check failed): reload the page and try again."},
	"err_too_many":        {"登录失败次数过多，请稍后再试。", "Too many failed sign-ins: try again later."},
	"err_too_large":       {"请求内容过大。", "The request is too large."},
	"err_accounts":        {"无法读取账户文件，请联系管理员。", "The accounts file cannot be read: contact the administrator."},
	"err_not_implemented": {"工作台暂不支持此操作（见 docs/serve.md）。", "The workbench does not do this yet (docs/serve.md)."},
	"err_no_run":          {"该期次还没有成功的运行。", "The period has no successful run."},
	"err_no_copy":         {"仓库还没有可读副本：请运行一次 vocmap run。", "The warehouse has no read copy yet: run vocmap run once."},
	"err_internal":        {"读取仓库时出错，详情见服务器日志。", "Reading the warehouse failed; the server's log has the details."},
	"err_bad_period":      {"期次应为 YYYY-MM，例如 2025-12。", "period must be YYYY-MM, e.g. 2025-12."},
	"err_bad_level":       {"层次应为 secondary、higher 或 bachelor。", "level must be secondary, higher or bachelor."},
	"err_bad_signal":      {"信号应为 red、yellow 或 green。", "signal must be red, yellow or green."},
	"err_bad_scope":       {"范围应为 province、city 或 school。", "scope must be province, city or school."},
	"err_bad_region":      {"没有这个区划代码。", "No such region code."},
	"err_not_found":       {"没有这个页面。", "No such page."},
}

// text returns a text in lang (zh unless en).
func text(lang, key string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return t[1]
	}
	return t[0]
}
