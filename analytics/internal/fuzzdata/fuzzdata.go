// Package fuzzdata turns the bytes of a fuzz input into float64 values and
// back, for the fuzz tests of the analytics packages: 8 bytes a value,
// little-endian, so that NaN, ±Inf, negative zero, subnormal and extreme
// magnitudes all occur. It is test support, internal to analytics.
package fuzzdata

import (
	"encoding/binary"
	"math"
)

// Floats decodes data as little-endian float64 values, 8 bytes each, at
// most limit of them; a trailing part shorter than 8 bytes is ignored.
func Floats(data []byte, limit int) []float64 {
	v := make([]float64, min(len(data)/8, max(limit, 0)))
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
	}
	return v
}

// Bytes encodes v as Floats decodes it: the seed corpus of a fuzz test.
func Bytes(v ...float64) []byte {
	b := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	return b
}
