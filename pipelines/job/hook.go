//go:build duckdb_arrow

package job

import "context"

// The points inside the store stage that WithStageHook reports.
const (
	// PointOutputs: the period's results are written but not committed,
	// and the output files are about to be written into a temporary
	// folder (reached only with Options.Out).
	PointOutputs = "outputs"
	// PointCommitted: the results have committed and the run is marked
	// succeeded; what remains is moving the output files into place.
	PointCommitted = "committed"
)

// Points returns the points of a run that WithStageHook reports, in the
// order a run reaches them: each stage as it starts ("ingest" only with
// Options.DataDir), then PointOutputs and PointCommitted inside "store".
func Points() []string {
	return []string{"ingest", "read", "demand", "supply", "match", "score", "rules", "structure", "store",
		PointOutputs, PointCommitted}
}

type stageHookKey struct{}

// WithStageHook returns a copy of ctx under which Run calls hook with the
// run's context and the name of each point (Points) as the run reaches
// it, before doing that point's work, and waits for hook to return. Tests
// use it to hold a run at a known point and signal or kill its process
// there. Like net/http/httptrace, it carries the hook in the context, so
// that no option has to be threaded through the commands that run jobs.
func WithStageHook(ctx context.Context, hook func(ctx context.Context, point string)) context.Context {
	return context.WithValue(ctx, stageHookKey{}, hook)
}

// reached calls the stage hook of ctx, if any.
func reached(ctx context.Context, point string) {
	if hook, ok := ctx.Value(stageHookKey{}).(func(context.Context, string)); ok {
		hook(ctx, point)
	}
}
