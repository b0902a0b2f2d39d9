package score_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/vocmap/vocmap/analytics/score"
)

// Three programs on placement rate (more is better) and forecast
// supply–demand ratio (less is better), weighted by the entropy method.
// The output agrees with a python3 computation of the same formulas; the
// third program is worst on both indicators and scores 0.
func Example() {
	x := mat.NewDense(3, 2, []float64{
		0.92, 1.4,
		0.85, 0.7,
		0.60, 2.1,
	})
	benefit := []bool{true, false}
	w, err := score.EntropyWeights(x, benefit)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := score.TOPSIS(x, w, benefit)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("weights %.3f\n", w)
	fmt.Printf("closeness %.3f\n", r.Closeness)
	// Output:
	// weights [0.472 0.528]
	// closeness [0.558 0.925 0.000]
}
