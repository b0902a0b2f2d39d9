// Command serve measures the workbench under load (issue 19, item 7):
// CLIENTS concurrent clients read one city's warning list (the JSON API
// and the page, alternately) from `vocmap serve`'s handler on a copy of
// a warehouse, while `vocmap scenario run` writes the same warehouse in
// another process, as the monthly job or a planner's scenario would. It
// prints the latency percentiles of the requests made while the scenario
// ran and of all requests. scripts/bench-serve.sh runs it on the demo.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vocmap/vocmap/pipelines/warehouse"
	"github.com/vocmap/vocmap/web"
	"github.com/vocmap/vocmap/web/account"
)

func main() {
	src := flag.String("warehouse", "vocmap-demo/vocmap.duckdb", "warehouse to copy and serve")
	bin := flag.String("vocmap", "bin/vocmap", "the vocmap binary that runs the scenario")
	scenario := flag.String("scenario", "nursing_yuncheng", "scenario (file or built-in name) run while the clients read")
	period := flag.String("period", "2025-12", "period")
	city := flag.String("region", "140100", "the city whose list the clients read")
	clients := flag.Int("clients", 20, "concurrent clients")
	flag.Parse()
	if err := run(*src, *bin, *scenario, *period, *city, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "bench-serve:", err)
		os.Exit(1)
	}
}

func run(src, bin, scenario, period, city string, clients int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "bench-serve-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	wh := filepath.Join(dir, "w.duckdb")
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(wh, b, 0o644); err != nil {
		return err
	}
	store := account.Open(wh)
	if err := store.Add("bench", account.Viewer, "bench-password"); err != nil {
		return err
	}
	if _, err := warehouse.EnsureReadCopies(ctx, wh, warehouse.Options{}); err != nil {
		return err
	}
	srv, err := web.New(ctx, web.Options{Warehouse: wh})
	if err != nil {
		return err
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	var during atomic.Bool
	type sample struct {
		d      time.Duration
		during bool
	}
	var mu sync.Mutex
	var samples []sample
	var failures atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	paths := []string{"/api/warnings?period=" + period + "&region=" + city, "/warnings?period=" + period + "&region=" + city}
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				req, _ := http.NewRequest("GET", ts.URL+paths[(c+i)%2], nil)
				req.SetBasicAuth("bench", "bench-password")
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					io.Copy(io.Discard, resp.Body) //nolint:errcheck // draining
					resp.Body.Close()
				}
				d := time.Since(t0)
				if err != nil || resp.StatusCode != 200 {
					failures.Add(1)
					continue
				}
				mu.Lock()
				samples = append(samples, sample{d, during.Load()})
				mu.Unlock()
			}
		}()
	}
	time.Sleep(2 * time.Second) // some requests before the scenario starts
	during.Store(true)
	t0 := time.Now()
	cmd := exec.Command(bin, "--warehouse", wh, "--quiet", "scenario", "run", scenario, "--period", period, "--out", filepath.Join(dir, "out"))
	cmd.Stderr = os.Stderr
	runErr := cmd.Run()
	scenarioTime := time.Since(t0)
	during.Store(false)
	time.Sleep(2 * time.Second)
	close(stop)
	wg.Wait()
	if runErr != nil {
		return fmt.Errorf("the scenario failed while the server served: %w", runErr)
	}
	var all, dur []time.Duration
	for _, s := range samples {
		all = append(all, s.d)
		if s.during {
			dur = append(dur, s.d)
		}
	}
	fmt.Printf("clients %d, city %s, period %s; scenario %s ran %.1f s while they read\n", clients, city, period, scenario, scenarioTime.Seconds())
	report("during the scenario", dur)
	report("all requests", all)
	fmt.Printf("failed requests: %d\n", failures.Load())
	return nil
}

func report(what string, d []time.Duration) {
	if len(d) == 0 {
		fmt.Printf("%-20s no requests\n", what)
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	q := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Microseconds()) / 1000 }
	fmt.Printf("%-20s n=%d  p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms\n", what, len(d), q(0.5), q(0.95), q(0.99), float64(d[len(d)-1].Microseconds())/1000)
}
