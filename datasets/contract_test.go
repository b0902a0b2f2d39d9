package datasets

import "testing"

// TestNumbersBounded checks that every number column of the contract has
// an upper bound (a maximum or a plausibility ceiling), so that no value
// the contract accepts can overflow a model, and that ceilings sit on
// number columns only.
func TestNumbersBounded(t *testing.T) {
	for _, tb := range Contract {
		for _, c := range tb.Columns {
			numeric := c.Kind == Int || c.Kind == Number
			switch {
			case numeric && !c.HasMax && c.Ceiling <= 0:
				t.Errorf("%s.%s has no upper bound", tb.Name, c.Name)
			case !numeric && c.Ceiling != 0:
				t.Errorf("%s.%s is not a number but has a ceiling", tb.Name, c.Name)
			case numeric && c.Ceiling > 1e15:
				t.Errorf("%s.%s: a ceiling of %g is no bound against overflow", tb.Name, c.Name, c.Ceiling)
			}
		}
	}
	// the ceilings the contract documents (docs/data-contract.md)
	for _, w := range []struct {
		table, column string
		ceiling       float64
	}{
		{"industry_map", "employment", 1e9},
		{"industry_map", "value_added", 1e7},
		{"schools", "capacity", 1e9},
		{"enrollments", "intake", 1e9},
		{"enrollments", "enrolled_total", 1e9},
		{"enrollments", "graduates", 1e9},
		{"enrollments", "planned_intake", 1e9},
		{"outcomes", "graduates", 1e9},
		{"outcomes", "employed", 1e9},
		{"outcomes", "further_study", 1e9},
		{"outcomes", "matched", 1e9},
		{"outcomes", "avg_monthly_salary", 1e6},
		{"outcomes", "employed_in_province", 1e9},
		{"job_postings", "postings", 1e9},
		{"job_postings", "job_seekers", 1e9},
		{"education_totals", "general_upper_secondary_intake", 1e9},
	} {
		c, ok := Lookup(w.table).Column(w.column)
		if !ok || c.Ceiling != w.ceiling {
			t.Errorf("%s.%s: ceiling %g, want %g", w.table, w.column, c.Ceiling, w.ceiling)
		}
	}
}
