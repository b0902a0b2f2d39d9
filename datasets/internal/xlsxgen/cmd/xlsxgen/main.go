// Command xlsxgen writes one case of the XLSX memory benchmark
// (docs/benchmarks.md, "XLSX reading") as DIR/job_postings.xlsx, or as
// DIR/job_postings.csv with -csv (the rows case only). Run it through
// scripts/bench-xlsx.sh, which measures `vocmap validate` on each case.
//
//	xlsxgen -case rows -n 1048575 -out DIR          # the full sheet, 22 MB
//	xlsxgen -case whitespace -n 950000000 -out DIR  # 0.95 GB of spaces between two rows, ~1 MB
//	xlsxgen -case whitespace-cell -n 950000000 -out DIR
//	xlsxgen -case sharedstring -n 500000000 -out DIR
//	xlsxgen -case wide -n 1048575 -cols 12 -out DIR            # the most cells the reader takes
//	xlsxgen -case text -n 1048575 -size 30 -cols 12 -out DIR     # and nearly the most text
//	xlsxgen -case text-sst -n 1048575 -size 60 -cols 12 -out DIR # that text from shared strings
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/vocmap/vocmap/datasets/internal/xlsxgen"
)

func main() {
	which := flag.String("case", "rows", "rows, whitespace, whitespace-cell, sharedstring, wide, text or text-sst")
	n := flag.Int64("n", 1048575, "data rows (rows) or bytes (the others)")
	out := flag.String("out", ".", "folder to write job_postings.xlsx (or .csv) in")
	csv := flag.Bool("csv", false, "write the rows case as job_postings.csv")
	cols := flag.Int("cols", 12, "header columns (wide, text, text-sst)")
	size := flag.Int("size", 30, "bytes of each month cell (text, text-sst)")
	flag.Parse()
	if err := run(*which, *n, *out, *csv, *cols, *size); err != nil {
		fmt.Fprintln(os.Stderr, "xlsxgen:", err)
		os.Exit(1)
	}
}

func run(which string, n int64, dir string, csv bool, cols, size int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	name := "job_postings.xlsx"
	if csv {
		if which != "rows" {
			return fmt.Errorf("-csv writes the rows case only")
		}
		name = "job_postings.csv"
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	switch {
	case csv:
		err = xlsxgen.RowsCSV(w, int(n))
	case which == "rows":
		err = xlsxgen.Rows(w, int(n))
	case which == "whitespace":
		err = xlsxgen.Whitespace(w, n, xlsxgen.WhereBetween)
	case which == "whitespace-cell":
		err = xlsxgen.Whitespace(w, n, xlsxgen.WhereCell)
	case which == "wide":
		err = xlsxgen.Wide(w, int(n), cols)
	case which == "text":
		err = xlsxgen.Text(w, int(n), size, cols, false)
	case which == "text-sst":
		err = xlsxgen.Text(w, int(n), size, cols, true)
	case which == "sharedstring":
		err = xlsxgen.SharedString(w, n)
	default:
		err = fmt.Errorf("unknown case %q", which)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
