package datasets

import (
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// schoolsLines returns the Shanxi demo's schools.csv (UTF-8, a Chinese
// name in every row) as lines, each with its line feed: lines[i] is row
// i+1.
func schoolsLines(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("shanxi", "schools.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(b), "\n")
}

// strayByte puts b at the start of the name of row 300 of the lines
// (after its 11-digit school code and the comma).
func strayByte(t *testing.T, lines []string, b string) {
	t.Helper()
	l := lines[299]
	if !strings.HasPrefix(l, "14090010015,") {
		t.Fatalf("row 300 is %q", l)
	}
	lines[299] = l[:12] + b + l[12:]
}

// TestEncodingErrorRow checks that a file with one bad byte is reported
// at the row that holds the byte, whatever its encoding, with the rows
// numbered as the readers number them (a quoted line break stays in its
// row, blank lines are no rows).
func TestEncodingErrorRow(t *testing.T) {
	toGB := func(s string) string { return string(gb18030(t, s)) }
	tests := []struct {
		name  string
		build func(t *testing.T) []byte
		rule  string
		row   int
	}{
		// the UTF-8 file was reported at row 2 ("neither UTF-8 nor
		// GB18030"), where its first Chinese name does not decode as
		// GB18030
		{"utf-8 with a bad byte", func(t *testing.T) []byte {
			lines := schoolsLines(t)
			strayByte(t, lines, "\xff")
			return []byte(strings.Join(lines, ""))
		}, "bad_utf8", 300},
		{"gb18030 with a bad byte", func(t *testing.T) []byte {
			lines := schoolsLines(t)
			for i := range lines {
				lines[i] = toGB(lines[i])
			}
			strayByte(t, lines, "\xff")
			return []byte(strings.Join(lines, ""))
		}, "bad_gb18030", 300},
		// row 10's name holds a quoted line break and two blank lines come
		// before row 100: the byte is on line 303, in row 300
		{"gb18030, rows that are not lines", func(t *testing.T) []byte {
			lines := schoolsLines(t)
			strayByte(t, lines, "\xff")
			if lines[9] != "14010010009,太原市育才职业学校,140100,secondary,private,810\n" {
				t.Fatalf("row 10 is %q", lines[9])
			}
			lines[9] = "14010010009,\"太原市育才\n职业学校\",140100,secondary,private,810\r\n"
			lines[99] = "\n\r\n" + lines[99]
			for i := range lines {
				lines[i] = toGB(lines[i])
			}
			return []byte(strings.Join(lines, ""))
		}, "bad_gb18030", 300},
		// two bytes that are not UTF-8 but a GB18030 character (A1A1, an
		// ideographic space) in a UTF-8 file whose Chinese text happens
		// to decode as GB18030: it was taken for a GB18030 file, every
		// name garbled
		{"utf-8 that decodes as gb18030", func(t *testing.T) []byte {
			var b strings.Builder
			b.WriteString("program_code,name\n")
			for i := 2; i <= 400; i++ {
				b.WriteString("520201,护理")
				if i == 300 {
					b.WriteString("\xa1\xa1")
				}
				b.WriteString("\n")
			}
			return []byte(b.String())
		}, "bad_utf8", 300},
		// ASCII up to the byte: neither encoding reads past it
		{"ascii with a bad byte", func(t *testing.T) []byte {
			var b strings.Builder
			b.WriteString("a,b\n")
			for i := 2; i <= 400; i++ {
				if i == 300 {
					b.WriteString("1,\xff\n")
					continue
				}
				b.WriteString("1,2\n")
			}
			return []byte(b.String())
		}, "bad_encoding", 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "schools.csv")
			if err := os.WriteFile(p, tt.build(t), 0o644); err != nil {
				t.Fatal(err)
			}
			enc, _, err := InspectCSV(p, "schools.csv")
			re, ok := err.(*RowError)
			if !ok {
				t.Fatalf("encoding %q, err = %v; want a *RowError", enc, err)
			}
			if re.Rule != tt.rule || re.Row != tt.row || re.File != "schools.csv" {
				t.Errorf("got %s, want %s at row %d", re.Format(English), tt.rule, tt.row)
			}
			if msg := re.Message(Chinese); msg == tt.rule {
				t.Errorf("rule %s has no message", tt.rule)
			}
		})
	}
}

// TestRowCounter checks rowCounter against encoding/csv on random CSV
// text (quoted fields with line breaks and doubled quotes, blank lines,
// CRLF), fed whole, byte by byte and in random pieces.
func TestRowCounter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for r := rng.IntN(8); r >= 0; r-- {
			if rng.IntN(5) == 0 {
				b.WriteString([]string{"\n", "\r\n"}[rng.IntN(2)]) // a blank line
			}
			for f := rng.IntN(4); f >= 0; f-- {
				switch rng.IntN(4) {
				case 0:
					b.WriteString(`"a` + []string{"\n", "\r\n", `""`, ",", "\r"}[rng.IntN(5)] + `b"`)
				case 1:
					b.WriteString("护理")
				case 2:
					b.WriteString(" ")
				}
				if f > 0 {
					b.WriteByte(',')
				}
			}
			b.WriteString([]string{"\n", "\r\n"}[rng.IntN(2)])
		}
		data := []byte(b.String())
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord = -1
		records := 0
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%q: %v", data, err)
			}
			records++
		}
		var whole, bytewise, pieces rowCounter
		whole.feed(data)
		for i := range data {
			bytewise.feed(data[i : i+1])
		}
		for rest := data; len(rest) > 0; {
			k := 1 + rng.IntN(len(rest))
			pieces.feed(rest[:k])
			rest = rest[k:]
		}
		if whole.ended != records || bytewise.ended != records || pieces.ended != records {
			t.Fatalf("%q: %d records, counted %d whole, %d byte by byte, %d in pieces",
				data, records, whole.ended, bytewise.ended, pieces.ended)
		}
	}
}

// TestCountLeads checks the word-at-a-time count against a byte-by-byte
// one on random bytes of every length and alignment.
func TestCountLeads(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			b[j] = byte(rng.IntN(256))
		}
		want := 0
		for _, c := range b {
			if c >= 0xC0 {
				want++
			}
		}
		if got := countLeads(b); got != want {
			t.Fatalf("countLeads(%q) = %d, want %d", b, got, want)
		}
	}
}

// TestLineStats checks the word-at-a-time line statistics against a byte
// by byte count on random lines of every length and alignment.
func TestLineStats(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			switch rng.IntN(4) {
			case 0:
				b[j] = byte(rng.IntN(256))
			case 1:
				b[j] = "\n\r\n\xc2\xe4"[rng.IntN(5)]
			default:
				b[j] = 'a'
			}
		}
		b = append(b, '\n')
		newlines, leads, blank := 0, 0, false
		for j, c := range b {
			if c == '\n' {
				newlines++
			}
			if c >= 0xC0 {
				leads++
			}
			if (c == '\n' || c == '\r') && (j == 0 || b[j-1] == '\n') {
				blank = true
			}
		}
		n, l, bl := lineStats(b)
		if n != newlines || l != leads || bl != blank {
			t.Fatalf("lineStats(%q) = %d, %d, %v; want %d, %d, %v", b, n, l, bl, newlines, leads, blank)
		}
	}
}
