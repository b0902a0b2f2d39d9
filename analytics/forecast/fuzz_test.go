package forecast

import (
	"math"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
)

// FuzzForecast checks that no input makes Forecast panic, that errors are
// the package's, and that successful forecasts have the requested shape
// and no NaN. The values are decoded from data, 8 bytes each
// (little-endian float64), so NaN, ±Inf and extreme magnitudes occur.
func FuzzForecast(f *testing.F) {
	f.Add(fuzzdata.Bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), uint8(1), uint8(6), uint8(0))
	f.Add(fuzzdata.Bytes(0, 0, 0, 1), uint8(4), uint8(3), uint8(1))
	f.Add(fuzzdata.Bytes(-1, 5, -3, 8, 0, 2, 9, -7, 1, 1, 3, 5, 8, 13), uint8(4), uint8(8), uint8(2))
	f.Add(fuzzdata.Bytes(math.NaN(), 1), uint8(1), uint8(1), uint8(3))
	f.Add(fuzzdata.Bytes(1e300, -1e300), uint8(12), uint8(18), uint8(4))
	f.Add([]byte{1, 2, 3}, uint8(0), uint8(0), uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, freq, h, method uint8) {
		v := fuzzdata.Floats(data, 200)
		m := Methods[int(method)%len(Methods)]
		opts := Options{Method: m, Horizon: int(h % 40), Paths: 50, Seed: uint64(method)}
		r, err := Forecast(Series{ID: "fuzz", Values: v, Frequency: int(freq % 26)}, opts)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "forecast: ") {
				t.Fatalf("error without package prefix: %v", err)
			}
			return
		}
		want := opts.Horizon
		if want == 0 {
			want = defaultHorizon(max(int(freq%26), 1))
		}
		if len(r.Mean) != want || len(r.Lower) != 2 || len(r.Lower[0]) != want {
			t.Fatalf("shape: %d means, %d levels, want horizon %d", len(r.Mean), len(r.Lower), want)
		}
		for _, x := range r.Mean {
			if math.IsNaN(x) {
				t.Fatalf("%s: NaN forecast for %v", r.Method, v)
			}
		}
	})
}
