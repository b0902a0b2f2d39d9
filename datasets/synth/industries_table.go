package synth

import "github.com/vocmap/vocmap/datasets"

// industryRow is one GB/T 4754-2017 section or division as the contract writes it.
type industryRow struct {
	code    string // "C" for a section, "C34" for a division
	name    string // the standard's name, verbatim
	section string // the section letter
}

// gbt4754 lists the 20 sections and 97 divisions of GB/T 4754-2017, each
// section followed by its divisions, in the standard's order (from
// datasets.IndustryCodes, the one embedded copy of the standard).
var gbt4754 = func() []industryRow {
	codes := datasets.IndustryCodes()
	out := make([]industryRow, len(codes))
	for i, c := range codes {
		out[i] = industryRow{code: c.Code, name: c.Name, section: c.Section}
	}
	return out
}()
