package rules

import (
	"fmt"
	"strings"
)

// Signal is a published signal of the warning list. The zero value None
// means "maintain": the program gets no row in the warning list.
type Signal string

// The signals, from none to the most severe.
const (
	// None means maintain: no row in the warning list.
	None Signal = ""
	// Green recommends expanding the program.
	Green Signal = "green"
	// Yellow recommends reducing the program's intake.
	Yellow Signal = "yellow"
	// Red recommends closing the program or stopping its intake.
	Red Signal = "red"
)

// Severity orders the signals: None 0, Green 1, Yellow 2, Red 3. Any
// other value, which ParseSignal never returns, has severity 0.
func (s Signal) Severity() int {
	switch s {
	case Green:
		return 1
	case Yellow:
		return 2
	case Red:
		return 3
	}
	return 0
}

// Recommendation returns the action the signal recommends: "close" for
// Red, "reduce" for Yellow, "expand" for Green and "" (maintain) for None
// and any other value.
func (s Signal) Recommendation() string {
	switch s {
	case Green:
		return "expand"
	case Yellow:
		return "reduce"
	case Red:
		return "close"
	}
	return ""
}

// ParseSignal reads a signal as written in config or exports: "red",
// "yellow", "green", and "none" or "" for None. Any other text, including
// other letter cases, is an error.
func ParseSignal(s string) (Signal, error) {
	switch s {
	case "red":
		return Red, nil
	case "yellow":
		return Yellow, nil
	case "green":
		return Green, nil
	case "none", "":
		return None, nil
	}
	return None, fmt.Errorf("rules: unknown signal %q (want red, yellow, green or none)", s)
}

// SignalText returns the signal's label for reports with the action it
// recommends, in Chinese ("zh", the default) or English ("en"): e.g.
// "红色(撤销或停招)" or "red (close or stop intake)". None reads "无(维持)"
// or "none (maintain)"; any other value is returned as it is.
func SignalText(s Signal, lang string) string {
	en := isEnglish(lang)
	switch s {
	case Red:
		return pick(en, "红色(撤销或停招)", "red (close or stop intake)")
	case Yellow:
		return pick(en, "黄色(缩减)", "yellow (reduce)")
	case Green:
		return pick(en, "绿色(扩大)", "green (expand)")
	case None:
		return pick(en, "无(维持)", "none (maintain)")
	}
	return string(s)
}

// Scope is the level at which a program is evaluated.
type Scope string

// The scopes.
const (
	// Province is the program over the whole province.
	Province Scope = "province"
	// City is the program over one city.
	City Scope = "city"
	// School is the program at one school.
	School Scope = "school"
)

// known reports whether s is one of the three scopes.
func (s Scope) known() bool {
	return s == Province || s == City || s == School
}

// isEnglish reports whether lang asks for English ("en", "en-US", …);
// anything else means Chinese.
func isEnglish(lang string) bool {
	return strings.HasPrefix(strings.ToLower(lang), "en")
}

// pick returns en if english, else zh.
func pick(english bool, zh, en string) string {
	if english {
		return en
	}
	return zh
}
