//go:build duckdb_arrow

package warehouse

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/datasets/shanxi"
	"github.com/vocmap/vocmap/datasets/synth"
)

func synthDataset(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Options{Out: dir, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestIngestSynthProvince(t *testing.T) {
	ctx := context.Background()
	dir := synthDataset(t)
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res, err := w.Ingest(ctx, dir, LoadOptions{})
	if err != nil {
		var re *datasets.RejectedError
		if errors.As(err, &re) {
			t.Fatalf("rejected:\n%s", re.Format(datasets.English))
		}
		t.Fatal(err)
	}
	if res.SnapshotID != 1 {
		t.Errorf("snapshot = %d, want 1", res.SnapshotID)
	}
	for _, f := range res.Files {
		var n int64
		if err := w.DB.QueryRowContext(ctx, "SELECT count(*) FROM "+QuoteIdent(f.Table)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != f.Rows {
			t.Errorf("%s: %d rows in the view, %d staged", f.Table, n, f.Rows)
		}
		t.Logf("%s %s %d rows", f.Table, f.Format, f.Rows)
	}
	for _, wn := range res.Warnings {
		t.Logf("warning: %s", wn.Format(datasets.English))
	}
}

func TestIngestShanxi(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := shanxi.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	w, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res, err := w.Ingest(ctx, dir, LoadOptions{})
	if err != nil {
		var re *datasets.RejectedError
		if errors.As(err, &re) {
			t.Fatalf("rejected:\n%s", re.Format(datasets.English))
		}
		t.Fatal(err)
	}
	for _, wn := range res.Warnings {
		t.Logf("warning: %s", wn.Format(datasets.English))
	}
}
