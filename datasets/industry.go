package datasets

import (
	_ "embed"
	"encoding/csv"
	"strings"
	"sync"
)

//go:embed gbt4754_2017.csv
var gbtCSV string

// IndustryCode is a section or division of GB/T 4754-2017.
type IndustryCode struct {
	// Code is the section letter (C) or letter plus division digits (C34).
	Code string
	// Section is the section letter.
	Section string
	// Name is the standard's Chinese name.
	Name string
}

var (
	gbtOnce sync.Once
	gbtList []IndustryCode
	gbtSet  map[string]IndustryCode
)

// IndustryCodes returns the 20 sections and 97 divisions of GB/T
// 4754-2017, in the standard's order, written as the contract writes them
// (C, C34). Source: shared/reference/gbt4754_2017_industry_codes.csv.
func IndustryCodes() []IndustryCode {
	gbtOnce.Do(func() {
		recs, err := csv.NewReader(strings.NewReader(gbtCSV)).ReadAll()
		if err != nil {
			panic("datasets: embedded gbt4754_2017.csv: " + err.Error()) // a build defect, not input
		}
		gbtSet = map[string]IndustryCode{}
		for _, r := range recs[1:] {
			code := r[1]
			if code != r[0] {
				code = r[0] + r[1]
			}
			ic := IndustryCode{Code: code, Section: r[0], Name: r[2]}
			gbtList = append(gbtList, ic)
			gbtSet[code] = ic
		}
	})
	return gbtList
}

// LookupIndustry returns the GB/T 4754-2017 section or division with the
// given contract code and whether it exists.
func LookupIndustry(code string) (IndustryCode, bool) {
	IndustryCodes()
	ic, ok := gbtSet[code]
	return ic, ok
}
