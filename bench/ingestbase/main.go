// Command ingestbase is the baseline of the ingest benchmark: DuckDB's own
// read_csv of a dataset's files into the same warehouse tables as `vocmap
// ingest`, in one transaction, with no contract checks. Run it through
// scripts/bench-ingest.sh, which times both.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

func main() {
	data := flag.String("data", "", "dataset folder (CSV files)")
	wh := flag.String("warehouse", "", "warehouse file to create")
	flag.Parse()
	if err := run(*data, *wh); err != nil {
		fmt.Fprintln(os.Stderr, "ingestbase:", err)
		os.Exit(1)
	}
}

func run(dir, path string) error {
	ctx := context.Background()
	start := time.Now()
	w, err := warehouse.Open(ctx, path, warehouse.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	var rows int64
	for _, t := range datasets.Contract {
		file := filepath.Join(dir, t.Name+".csv")
		if _, err := os.Stat(file); err != nil {
			continue
		}
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = warehouse.QuoteIdent(c.Name)
		}
		q := fmt.Sprintf("INSERT INTO snap.%s (snapshot_id, %s) SELECT 1, %s FROM read_csv(%s, header = true)",
			warehouse.QuoteIdent(t.Name), strings.Join(cols, ", "), strings.Join(cols, ", "), warehouse.QuoteString(file))
		res, err := conn.ExecContext(ctx, q)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		n, _ := res.RowsAffected()
		rows += n
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	fmt.Printf("baseline: %d rows in %.2f s\n", rows, time.Since(start).Seconds())
	return nil
}
