//go:build duckdb_arrow

package job

import "testing"

// TestMovesZeroIsZero: score_move and ratio_move 0 stay 0 (they used to
// become 0.1 and 0.25) and list every move however small, but no row
// whose score and ratio did not move: a run against itself lists none.
func TestMovesZeroIsZero(t *testing.T) {
	o := testOptions(t)
	o.ScoreMove, o.RatioMove = 0, 0
	if err := o.check(); err != nil {
		t.Fatal(err)
	}
	if o.ScoreMove != 0 || o.RatioMove != 0 {
		t.Errorf("check: score move %v, ratio move %v, want 0", o.ScoreMove, o.RatioMove)
	}
	o.ScoreMove = -0.1
	if err := o.check(); err == nil {
		t.Error("a negative score move: no error")
	}
	w, res := baseRun(t)
	r, err := ChangesBetween(t.Context(), w.DB, res.RunID, res.RunID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 0 {
		t.Errorf("a run against itself with moves 0: %d rows, want none; first %v", len(r.Rows), r.Rows[0])
	}
}
