package forecast

// Empirical calibration of Auto's prediction intervals.
//
// The intervals of the Auto combination come from a mixture of its members'
// forecast distributions (model.go), which leaves out parameter and model
// uncertainty: on the M4 yearly series its 80% and 95% intervals covered
// only 63% and 84% of the outcomes. Auto therefore widens them by a factor
// κ_h per forecast step h, estimated on development data that the scored
// test sets never touch: for each h, κ_h minimises the mean interval score
// of the 80% and 95% intervals (Gneiting & Raftery 2007, sec. 6.2; the
// score behind M4's MSIS), scaled by each series' in-sample mean absolute
// seasonal difference as MSIS is, over the series of a validation fold (the
// last block of training values held out). The interval score is a proper
// scoring rule, so within the scale family κ·(raw interval) it is
// minimised by well-calibrated widths. Sample paths are widened by the same
// factors around the point forecast, so that Monte Carlo users see the
// intervals' spread. bench/m4 and bench/m1 re-estimate the tables with
// -calibrate (see bench/m4/RESULTS.md); Options.RawIntervals turns the
// calibration off.
//
// Tables exist for yearly data (frequency 1, from M4 yearly, 23,000 series,
// fold 1, horizons 1..6) and monthly data (frequency 12, from M1 monthly,
// fold 1, horizons 1..18). Beyond a table's last horizon its last factor
// holds. Other frequencies are not calibrated (no development data): their
// intervals are the mixture's.

// autoWiden is κ_h for h = 1..len, by frequency, as printed by
//
//	go run ./bench/m4 -fold 1 -calibrate    (frequency 1)
//	go run ./bench/m1 -fold 1 -calibrate    (frequency 12)
var autoWiden = map[int][]float64{
	1:  {1.310, 1.700, 1.950, 2.095, 2.065, 1.870},
	12: {0.970, 0.980, 1.045, 1.125, 1.285, 1.310, 1.350, 1.290, 1.225, 1.320, 1.290, 1.265, 1.160, 1.105, 1.135, 1.110, 1.130, 1.185},
}

// widenFor returns the factors for steps 1..h of Auto on data of frequency
// m, or nil when there is no table for m.
func widenFor(m, h int) []float64 {
	tab, ok := autoWiden[m]
	if !ok || len(tab) == 0 {
		return nil
	}
	out := make([]float64, h)
	for i := range out {
		out[i] = tab[min(i, len(tab)-1)]
	}
	return out
}
