//go:build duckdb_arrow

package warehouse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/datasets/synth"
	"github.com/vocmap/vocmap/internal/testkit"
)

func synthDataset(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Options{Out: dir, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// mustIngest ingests dir into w and fails the test, listing the errors, if
// the dataset is rejected.
func mustIngest(t *testing.T, w *Warehouse, dir string) *LoadResult {
	t.Helper()
	res, err := w.Ingest(context.Background(), dir, LoadOptions{})
	if err != nil {
		var re *datasets.RejectedError
		if errors.As(err, &re) {
			t.Fatalf("rejected:\n%s", re.Format(datasets.English))
		}
		t.Fatal(err)
	}
	return res
}

func TestIngestSynthProvince(t *testing.T) {
	ctx := context.Background()
	dir := synthDataset(t)
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res := mustIngest(t, w, dir)
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
	dir := testkit.Shanxi(t)
	w, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res := mustIngest(t, w, dir)
	for _, wn := range res.Warnings {
		t.Logf("warning: %s", wn.Format(datasets.English))
	}
}

// contents hashes the current snapshot of every contract table.
func contents(t *testing.T, w *Warehouse) string {
	t.Helper()
	var b strings.Builder
	for _, tb := range datasets.Contract {
		_, rows, err := w.Query(context.Background(), fmt.Sprintf("SELECT count(*), CAST(sum(hash(t)) AS VARCHAR) FROM main.%s t", QuoteIdent(tb.Name)))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s:%v:%v\n", tb.Name, rows[0][0], rows[0][1])
	}
	return b.String()
}

// TestFastAndSlowAgree loads the same datasets on the fast path and on the
// slow path and checks that the warehouse holds the same rows, and that
// the fast path was taken.
func TestFastAndSlowAgree(t *testing.T) {
	ctx := context.Background()
	shanxiDir := testkit.Shanxi(t)
	// testdata/numbers writes numbers in every form the contract allows
	// (4e2, 1_150, " 360 ", 420.0, .8)
	for name, dir := range map[string]string{"shanxi": shanxiDir, "synth": synthDataset(t), "numbers": "testdata/numbers"} {
		t.Run(name, func(t *testing.T) {
			var got [2]string
			for i, noFast := range []bool{false, true} {
				var logs bytes.Buffer
				log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				w, err := Open(ctx, ":memory:", Options{})
				if err != nil {
					t.Fatal(err)
				}
				res, err := w.Ingest(ctx, dir, LoadOptions{NoFastPath: noFast, Logger: log})
				if err != nil {
					t.Fatal(err)
				}
				if fast := strings.Contains(logs.String(), `msg="fast path" ok=true`); fast == noFast {
					t.Errorf("NoFastPath=%v but fast path taken=%v:\n%s", noFast, fast, logs.String())
				}
				if res.SnapshotID != 1 || len(res.Warnings) != 0 {
					t.Errorf("snapshot %d, %d warnings", res.SnapshotID, len(res.Warnings))
				}
				got[i] = contents(t, w)
				w.Close()
			}
			if got[0] != got[1] {
				t.Errorf("fast path:\n%s\nslow path:\n%s", got[0], got[1])
			}
		})
	}
}
