//go:build duckdb_arrow

package job

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vocmap/vocmap/internal/testkit"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// TestStageHook: a run with DataDir and Out reaches every point of Points
// in order, with its own context, so that the process tests of
// cmd/vocmap that stop a run at each point cover every stage.
func TestStageHook(t *testing.T) {
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	type key struct{}
	var got []string
	ctx = WithStageHook(context.WithValue(ctx, key{}, "run"), func(ctx context.Context, point string) {
		if ctx.Value(key{}) != "run" {
			t.Errorf("point %s: the hook got another context", point)
		}
		got = append(got, point)
	})
	opts := testOptions(t)
	opts.DataDir, opts.Out = testkit.Shanxi(t), t.TempDir()
	if _, err := Run(ctx, w, opts); err != nil {
		t.Fatal(err)
	}
	if want := Points(); !slices.Equal(got, want) {
		t.Errorf("points %v, want %v", got, want)
	}
}
