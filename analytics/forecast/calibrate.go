package forecast

// Empirical calibration of Auto's prediction intervals and sample paths.
//
// The intervals of the Auto combination come from a mixture of its members'
// forecast distributions (model.go), which leaves out parameter and model
// uncertainty: on the M4 yearly test set its raw 80% and 95% intervals
// cover only 63.1% and 83.6% of the outcomes. Auto therefore maps each raw
// deviation from the point forecast to a calibrated one, step by step: the
// raw 80% and 95% bounds are multiplied by factors κ80_h and κ95_h, and any
// other deviation d (another level's bound, a sample path) by the piecewise
// linear map through (q80, κ80·q80) and (q95, κ95·q95), where q80 and q95 are
// the raw half-widths on d's side: slope κ80 below q80, κ95 beyond q95.
// The map is increasing, so a path lies inside a calibrated interval exactly
// when its raw path lay inside the raw one: Monte Carlo users see the
// calibrated spread, not only the interval bounds.
//
// The factors are estimated on development data that the scored test sets
// never touch. For yearly data (bench/calib, docs/benchmarks.md): M4
// yearly's validation folds 1 and 2 (the last, and the second-to-last,
// block of 10 training values held out), κ_l,h the smallest factor that
// covers l% of the outcomes at step h, per class of series length (the
// values the forecast is fitted to: fewer than 14, 14–19, 20–29, 30–39, 40
// or more), because short series need far wider intervals than long ones
// (κ80 at step 6: 5.0 for fewer than 14 values, 1.6 for 40 or more) and
// the validation folds, being shorter, hold many more short series than the
// test set. On the M4 yearly test set the calibrated intervals cover 78.5%
// and 94.4%. For monthly data: M1 monthly's validation fold 1 (bench/m1
// -calibrate), one factor per step for both levels, minimising the mean
// scaled interval score of the 80% and 95% intervals (Gneiting & Raftery
// 2007, sec. 6.2). Beyond a table's last step its last factors hold. Other
// frequencies are not calibrated (no development data): their intervals are
// the mixture's. Options.RawIntervals turns the calibration off.

// calTable is the calibration of one frequency: the lower bounds of the
// classes of series length and, per class, κ80 and κ95 by step.
type calTable struct {
	minLen   []int
	k80, k95 [][]float64
}

// autoCalibration holds the tables by frequency, as printed by
//
//	go run -tags duckdb_arrow ./bench/calib -fit 1,2 -h 10   (frequency 1)
//	go run -tags duckdb_arrow ./bench/m1 -fold 1 -calibrate  (frequency 12)
var autoCalibration = map[int]calTable{
	1: {
		minLen: []int{0, 14, 20, 30, 40},
		k80: [][]float64{
			{1.582, 2.285, 2.950, 3.498, 4.246, 5.022, 5.932, 6.778, 7.279, 7.862},
			{1.406, 1.743, 2.032, 2.197, 2.416, 2.644, 2.874, 2.942, 2.956, 3.011},
			{1.334, 1.428, 1.401, 1.523, 1.570, 1.662, 1.742, 1.929, 2.014, 2.074},
			{1.121, 1.322, 1.387, 1.321, 1.388, 1.496, 1.556, 1.599, 1.704, 1.806},
			{1.100, 1.166, 1.265, 1.331, 1.429, 1.562, 1.670, 1.763, 1.802, 1.827},
		},
		k95: [][]float64{
			{1.594, 2.469, 3.093, 3.641, 4.347, 5.239, 6.240, 7.118, 7.966, 8.710},
			{1.545, 2.001, 2.299, 2.499, 2.793, 3.052, 3.286, 3.402, 3.447, 3.662},
			{1.438, 1.565, 1.526, 1.647, 1.745, 1.877, 2.009, 2.225, 2.273, 2.373},
			{1.240, 1.340, 1.385, 1.337, 1.457, 1.636, 1.695, 1.763, 1.862, 1.899},
			{1.214, 1.361, 1.410, 1.333, 1.438, 1.705, 1.856, 1.989, 1.949, 2.104},
		},
	},
	12: {
		minLen: []int{0},
		k80:    [][]float64{m1Widen},
		k95:    [][]float64{m1Widen},
	},
}

var m1Widen = []float64{0.970, 0.980, 1.045, 1.125, 1.285, 1.310, 1.350, 1.290, 1.225, 1.320, 1.290, 1.265, 1.160, 1.105, 1.135, 1.110, 1.130, 1.185}

// Calibrated reports whether the intervals and sample paths of method m on
// data of frequency freq (0 means 1) are calibrated: only Auto's are, on
// yearly and monthly data. A caller whose probabilities come from the
// paths (the monthly run) refuses the others.
func Calibrated(m Method, freq int) bool {
	if freq == 0 {
		freq = 1
	}
	_, ok := autoCalibration[freq]
	return ok && (m == Auto || m == "")
}

// calibration is the calibration of one forecast: κ80 and κ95 by step.
type calibration struct {
	k80, k95 []float64
}

// calibrationFor returns the calibration of Auto's forecast of h steps from
// n values of frequency m, or nil when there is no table for m.
func calibrationFor(m, n, h int) *calibration {
	tab, ok := autoCalibration[m]
	if !ok || len(tab.minLen) == 0 {
		return nil
	}
	c := 0
	for i, lo := range tab.minLen {
		if n >= lo {
			c = i
		}
	}
	out := &calibration{k80: make([]float64, h), k95: make([]float64, h)}
	for t := 0; t < h; t++ {
		r80, r95 := tab.k80[c], tab.k95[c]
		out.k80[t] = r80[min(t, len(r80)-1)]
		out.k95[t] = r95[min(t, len(r95)-1)]
	}
	return out
}

// dev maps a raw deviation d ≥ 0 from the point forecast at step t, whose
// raw 80% and 95% half-widths on its side are q80 and q95, to its calibrated
// deviation.
func (c *calibration) dev(t int, d, q80, q95 float64) float64 {
	k80, k95 := c.k80[t], c.k95[t]
	a := k80 * q80
	b := max(k95*q95, a)
	switch {
	case d <= q80 || q95 <= q80:
		if d > q80 { // degenerate raw distribution: no shoulder to map
			return a + k95*(d-q80)
		}
		return k80 * d
	case d <= q95:
		return a + (d-q80)*(b-a)/(q95-q80)
	default:
		return b + k95*(d-q95)
	}
}
