package main

import "github.com/vocmap/vocmap/datasets"

// gbIndustries lists GB/T 4754-2017's sections and divisions (names
// verbatim from the standard), from datasets.IndustryCodes.
var gbIndustries = func() []gbIndustry {
	var out []gbIndustry
	for _, c := range datasets.IndustryCodes() {
		parent := c.Section
		if c.Code == c.Section {
			parent = ""
		}
		out = append(out, gbIndustry{code: c.Code, name: c.Name, parent: parent})
	}
	return out
}()
