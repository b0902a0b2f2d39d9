package scenario

import (
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// IntakeChange adds Change seats a year (negative: removes them) to a
// program's intake in a region from the year From on (a scenario's
// "intake"). Region is a city, or a province, whose change its cities
// share by their latest intake of the program.
type IntakeChange struct {
	Program, Region string
	Change          float64
	From            int
}

// Step is a number of seats added to a yearly intake from the year From
// on.
type Step struct {
	From  int
	Seats float64
}

// Seats are the seats a scenario adds to one city's yearly intake of one
// program: the sum of its steps that have started.
type Seats []Step

// At returns the seats added to the intake of year y: the sum of the
// steps with From ≤ y.
func (s Seats) At(y int) float64 {
	v := 0.0
	for _, st := range s {
		if st.From <= y {
			v += st.Seats
		}
	}
	return v
}

// CitySeats splits a program's intake changes among the cities of a
// province. cities are the codes of the cities that offer the program and
// latest[c] the latest intake of cities[c] (NaN, ±Inf or negative count
// as 0). A change naming one of the cities goes wholly to it; a change
// naming the province is shared in proportion to the latest intake,
//
//	seats_c = Change · latest_c / Σ_d latest_d
//
// and equally among the cities if none has any intake. Changes of another
// program or region are left out. The result holds the seats of each city
// (nil for a city without any), and matched[k] tells whether changes[k]
// reached a city. A NaN or ±Inf change of the program is an error, as are
// latest and cities of different lengths.
func CitySeats(changes []IntakeChange, program, province string, cities []string, latest []float64) (seats []Seats, matched []bool, err error) {
	if len(latest) != len(cities) {
		return nil, nil, fmt.Errorf("scenario: %d latest intakes for %d cities", len(latest), len(cities))
	}
	for k, c := range changes {
		if c.Program == program && !numeric.Finite(c.Change) {
			return nil, nil, fmt.Errorf("scenario: intake change %d (%s in %s): %v seats must be finite", k, c.Program, c.Region, c.Change)
		}
	}
	w := make([]float64, len(latest))
	for i, x := range latest {
		if numeric.Finite(x) {
			w[i] = math.Max(x, 0)
		}
	}
	shares, ok := numeric.Proportions(w)
	if !ok {
		shares = make([]float64, len(w))
		for i := range shares {
			shares[i] = 1 / float64(len(w))
		}
	}
	seats = make([]Seats, len(cities))
	matched = make([]bool, len(changes))
	for k, c := range changes {
		if c.Program != program {
			continue
		}
		for i, city := range cities {
			switch c.Region {
			case city:
				seats[i] = append(seats[i], Step{From: c.From, Seats: c.Change})
				matched[k] = true
			case province:
				seats[i] = append(seats[i], Step{From: c.From, Seats: c.Change * shares[i]})
				matched[k] = true
			}
		}
	}
	return seats, matched, nil
}

// AddIntake returns an intake forecast with a scenario's seats added:
//
//	out[i] = max(forecast[i] + seats(first + i), 0)
//
// where forecast[i] is the intake of year first+i and seats gives the
// seats added in a year (e.g. Seats.At). forecast is left unchanged; a nil
// seats adds nothing.
func AddIntake(forecast []float64, first int, seats func(year int) float64) []float64 {
	out := make([]float64, len(forecast))
	for i, v := range forecast {
		if seats != nil {
			v += seats(first + i)
		}
		out[i] = math.Max(v, 0)
	}
	return out
}
