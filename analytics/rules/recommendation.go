package rules

import "fmt"

// Recommendation is the action a row of the warning list recommends. A
// signal has a default recommendation (Signal.Recommendation); a yellow
// row may instead recommend Review, which neither cuts nor grows the
// program: it is left for a planner to judge.
type Recommendation string

// The recommendations, as the warning list's recommendation column writes
// them (DATA_CONTRACT.md, v1.2).
const (
	// Maintain is no recommendation: the row is not in the warning list.
	Maintain Recommendation = ""
	// Expand recommends expanding the program (green).
	Expand Recommendation = "expand"
	// Review asks a planner to judge the program, neither cut nor grown
	// by default (yellow; v1.2): e.g. demand falling in a market whose
	// supply still falls short of it.
	Review Recommendation = "review"
	// Reduce recommends reducing the program's intake (yellow).
	Reduce Recommendation = "reduce"
	// Close recommends closing the program or stopping its intake (red).
	Close Recommendation = "close"
)

// DefaultRecommendation returns the recommendation a signal gives unless
// a rule says otherwise: Close for Red, Reduce for Yellow, Expand for
// Green, Maintain for None and any other value.
func DefaultRecommendation(s Signal) Recommendation {
	return Recommendation(s.Recommendation())
}

// ParseRecommendation reads a recommendation as the exports write it:
// "close", "reduce", "review", "expand", or "" for Maintain. Any other
// text, including other letter cases, is an error.
func ParseRecommendation(s string) (Recommendation, error) {
	switch r := Recommendation(s); r {
	case Close, Reduce, Review, Expand, Maintain:
		return r, nil
	}
	return Maintain, fmt.Errorf("rules: unknown recommendation %q (want close, reduce, review or expand)", s)
}

// RecommendationText returns the recommendation's label in Chinese ("zh",
// the default) or English ("en"), as the XLSX and the reports print it:
// 撤销或停招 / 缩减 / 待研判 / 扩大 (DATA_CONTRACT.md), "close or stop
// intake" / "reduce" / "review" / "expand"; Maintain reads 维持 or
// "maintain", and any other value is returned as it is.
func RecommendationText(r Recommendation, lang string) string {
	en := isEnglish(lang)
	switch r {
	case Close:
		return pick(en, "撤销或停招", "close or stop intake")
	case Reduce:
		return pick(en, "缩减", "reduce")
	case Review:
		return pick(en, "待研判", "review")
	case Expand:
		return pick(en, "扩大", "expand")
	case Maintain:
		return pick(en, "维持", "maintain")
	}
	return string(r)
}
