//go:build duckdb_arrow

package job

import "math"

// The typed rows of the marts: one struct per SQL file, its fields tagged
// with the file's output columns and filled by warehouse.ReadRows. A
// column that may be NULL is a pointer field (nil is NULL); the others
// are values, and a NULL in one of them is an error when the mart is
// read. The marts whose readers are still being rewritten (002, 005–010)
// are read as warehouse.Frame for now (inputs).

// regionRow is a row of sql/001_regions.sql.
type regionRow struct {
	Region   string `col:"region_code"`
	Level    string `col:"level"`
	Province string `col:"province_code"`
	City     string `col:"city_code"` // "" for a province
	Name     string `col:"name"`
}

// crosswalkRow is a row of sql/003_crosswalk.sql.
type crosswalkRow struct {
	Program  string  `col:"program_code"`
	Name     string  `col:"program_name"`
	Level    string  `col:"level"`
	Duration int64   `col:"duration"`
	Industry string  `col:"industry_code"`
	Section  string  `col:"section"`
	Weight   float64 `col:"weight"`
}

// intakeRow is a row of sql/004_intake.sql.
type intakeRow struct {
	Province  string   `col:"province_code"`
	City      string   `col:"city_code"`
	School    string   `col:"school_code"`
	Program   string   `col:"program_code"`
	Year      int64    `col:"year"`
	Intake    *float64 `col:"intake"`    // nil: outcomes give the row, enrollments do not
	Graduates *float64 `col:"graduates"` // nil: not reported
}

// structureRow is a row of sql/012_structure.sql.
type structureRow struct {
	Year       int64    `col:"year"`
	Region     string   `col:"region_code"`
	Level      string   `col:"level"`
	Province   string   `col:"province_code"`
	Industry   string   `col:"industry_code"`
	Section    string   `col:"section"`
	Sector     string   `col:"sector"`
	Employment float64  `col:"employment"`
	ValueAdded *float64 `col:"value_added"` // optional in the contract
}

// planCellRow is a row of sql/014_plan_cells.sql.
type planCellRow struct {
	Region       string   `col:"region_code"`
	Program      string   `col:"program_code"`
	Name         string   `col:"program_name"`
	Level        string   `col:"level"`
	Duration     int64    `col:"duration"`
	Intake       float64  `col:"current_intake"`
	Ratio        *float64 `col:"ratio"` // nil: the run has no ratio for the cell
	Signal       string   `col:"signal"`
	Reasons      string   `col:"reasons"`
	CityCapacity *float64 `col:"city_capacity"` // nil: a school of the city states none
}

// planSchoolRow is a row of sql/015_plan_schools.sql.
type planSchoolRow struct {
	City    string  `col:"city_code"`
	Program string  `col:"program_code"`
	School  string  `col:"school_code"`
	Intake  float64 `col:"intake"`
}

// orNaN is the value p points to, or NaN for NULL: the analytics
// packages take a missing value as NaN in a []float64.
func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}
