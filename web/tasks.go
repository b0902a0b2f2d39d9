//go:build duckdb_arrow

package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// Runner does the writes planners ask for from the web, on behalf of the
// server: cmd/vocmap gives it the configuration, the server never sees
// viper. A nil Runner leaves the scenario endpoints answering 501.
type Runner interface {
	// CheckScenario reads a scenario file (YAML) and returns its name, or
	// the errors to show (file:line, all at once) in lang.
	CheckScenario(body []byte, lang string) (name string, err error)
	// RunScenario runs the scenario on the period's baseline data as the
	// warehouse's writer (waiting while another process writes), reports
	// its stages, records who asked for it, and publishes a read copy.
	RunScenario(ctx context.Context, body []byte, period, user string, stage func(string)) (runID string, err error)
	// PlanDefaults are the configured plan options, the plan form's
	// defaults.
	PlanDefaults() job.PlanOptions
	// Example is a scenario file to start from.
	Example() []byte
}

// Task states.
const (
	stateQueued    = "queued"
	stateRunning   = "running"
	stateSucceeded = "succeeded"
	stateFailed    = "failed"
)

// task is a scenario or plan asked for from the web, run in this process
// one at a time, in the order asked.
type task struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"` // scenario or plan
	Name     string    `json:"name,omitempty"`
	Period   string    `json:"period"`
	User     string    `json:"user"`
	State    string    `json:"state"`
	Stage    string    `json:"stage,omitempty"`
	Error    string    `json:"error,omitempty"`
	RunID    string    `json:"run_id,omitempty"`
	Created  time.Time `json:"created"`
	Started  time.Time `json:"started,omitzero"`
	Finished time.Time `json:"finished,omitzero"`

	body []byte
	plan job.PlanOptions
	res  *job.PlanResult
}

// tasks is the queue and the record of what ran since the server started.
type tasks struct {
	mu    sync.Mutex
	all   map[string]*task
	order []string
	queue chan *task
	seq   int
}

func newTasks() *tasks {
	return &tasks{all: map[string]*task{}, queue: make(chan *task, 256)}
}

// add queues t; false when the queue is full.
func (ts *tasks) add(t *task) bool {
	ts.mu.Lock()
	ts.seq++
	t.ID = fmt.Sprintf("%s-%d", t.Kind, ts.seq)
	t.State = stateQueued
	ts.all[t.ID] = t
	ts.order = append(ts.order, t.ID)
	ts.mu.Unlock()
	select {
	case ts.queue <- t:
		return true
	default:
		ts.update(t, func(t *task) { t.State, t.Error = stateFailed, "queue full" })
		return false
	}
}

func (ts *tasks) update(t *task, f func(*task)) {
	ts.mu.Lock()
	f(t)
	ts.mu.Unlock()
}

// get returns a copy of the task with id.
func (ts *tasks) get(id string) (task, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t, ok := ts.all[id]
	if !ok {
		return task{}, false
	}
	return *t, true
}

// latest returns a copy of the newest task of a kind, period and name.
func (ts *tasks) latest(kind, period, name string) (task, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	for i := len(ts.order) - 1; i >= 0; i-- {
		t := ts.all[ts.order[i]]
		if t.Kind == kind && t.Period == period && t.Name == name {
			return *t, true
		}
	}
	return task{}, false
}

// recent returns copies of the newest n tasks, newest first.
func (ts *tasks) recent(n int) []task {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	var out []task
	for i := len(ts.order) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, *ts.all[ts.order[i]])
	}
	return out
}

// work runs the queued tasks until ctx ends.
func (s *Server) work(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case t := <-s.tasks.queue:
			s.tasks.update(t, func(t *task) { t.State, t.Started = stateRunning, s.opts.Now() })
			var err error
			switch t.Kind {
			case "scenario":
				var id string
				id, err = s.opts.Runner.RunScenario(ctx, t.body, t.Period, t.User, func(stage string) {
					s.tasks.update(t, func(t *task) { t.Stage = stage })
				})
				s.tasks.update(t, func(t *task) { t.RunID = id })
				if err == nil {
					err = s.db.refresh(ctx) // its results are in the new read copy
				}
			case "plan":
				var res *job.PlanResult
				err = s.db.with(func(wh *warehouse.Warehouse) error {
					var err error
					res, err = job.Plan(ctx, wh, t.plan)
					return err
				})
				s.tasks.update(t, func(t *task) {
					t.res = res
					if res != nil {
						t.RunID = res.RunID
					}
				})
			}
			s.tasks.update(t, func(t *task) {
				t.Finished = s.opts.Now()
				t.State = stateSucceeded
				if err != nil {
					t.State, t.Error = stateFailed, err.Error()
					s.opts.Log.Warn("web: task failed", "task", t.ID, "user", t.User, "err", err)
				} else {
					s.opts.Log.Info("web: task done", "task", t.ID, "user", t.User, "run", t.RunID)
				}
			})
		}
	}
}
