package optimize

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestDebug152(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 153 {
		n := 2 + rng.IntN(14)
		p := randomProblem(rng, n)
		if trial == 152 {
			fmt.Printf("%#v\n", p)
			sol, err := Solve(p)
			fmt.Println(sol, err)
			_, want, derr := direct(p)
			fmt.Println(want, derr)
		}
	}
}
