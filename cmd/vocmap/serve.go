package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
	"github.com/vocmap/vocmap/web"
	"github.com/vocmap/vocmap/web/account"
)

func (a *app) serveCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "启动规划工作台（本机网页）/ start the planners' workbench (a local web application)",
		Long: `启动规划工作台：在浏览器中登录后查看期次与运行、预警清单等（账户用 vocmap users add 建立）。
默认只监听本机 127.0.0.1:8080；给出 --addr 才监听其他地址。页面和脚本全部内置，离线可用。

工作台只读仓库的“可读副本”（仓库.read/ 目录）：首次启动时建立该目录并复制一份；此后
每次 vocmap run、scenario run、plan、ingest 成功后都会更新副本，工作台几秒内自动读到，
月度任务和工作台互不阻塞。Ctrl+C 或 SIGTERM 平稳退出（退出码 0）。

Starts the workbench: after signing in, a browser shows the periods and
runs, the warning list and more (accounts: vocmap users add). It listens
on 127.0.0.1:8080 unless --addr says otherwise; everything it serves is
built in and works offline. It reads read copies of the warehouse
(WAREHOUSE.read/), made on its first start and after every successful
run, scenario run, plan or ingest, so the monthly job and the server never
block each other; a new period appears within seconds. Ctrl+C or SIGTERM
stops it cleanly (exit 0). docs/serve.md has the details.`,
		Example: `  vocmap --warehouse vocmap.duckdb users add zhangsan --role planner
  vocmap --warehouse vocmap.duckdb serve
  vocmap --warehouse vocmap.duckdb serve --addr 0.0.0.0:8080    # other machines of the office network too
  vocmap --warehouse vocmap-demo/vocmap.duckdb serve --reports vocmap-demo/out`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			addr, _ := cmd.Flags().GetString("addr")
			reports, _ := cmd.Flags().GetString("reports")
			if reports == "" {
				reports = a.cfg.Run.Out
			}
			if _, _, err := net.SplitHostPort(addr); err != nil {
				return &usageError{fmt.Errorf("--addr %q: %v", addr, err)}
			}
			ctx := cmd.Context()
			if _, err := a.ensureReadCopies(ctx); err != nil {
				return a.openError(err)
			}
			srv, err := web.New(ctx, web.Options{Warehouse: a.cfg.Warehouse, Lang: a.lang, Log: a.log, Runner: serveRunner{a}, Reports: reports})
			if err != nil {
				return err
			}
			defer srv.Close()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return &usageError{fmt.Errorf("--addr %s: %w", addr, err)}
			}
			hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
			a.say("serve_url", "http://"+ln.Addr().String()+"/")
			done := make(chan error, 1)
			go func() { done <- hs.Serve(ln) }()
			select {
			case err := <-done:
				return err
			case <-ctx.Done():
			}
			shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			if err := hs.Shutdown(shut); err != nil {
				return err
			}
			a.say("serve_stopped")
			return nil
		},
	}
	cmd.Flags().String("addr", "127.0.0.1:8080", "监听地址 / address to listen on")
	cmd.Flags().String("reports", "", "各期输出文件夹的上级（默认 run.out；演示为 vocmap-demo/out）/ the runs' output folder (default run.out; the demo's: vocmap-demo/out)")
	return cmd
}

// ensureReadCopies makes the warehouse's read-copy folder and its first
// copy, waiting up to --wait while a run holds the warehouse.
func (a *app) ensureReadCopies(ctx context.Context) (string, error) {
	deadline := time.Now().Add(a.cfg.Wait)
	for {
		p, err := warehouse.EnsureReadCopies(ctx, a.cfg.Warehouse, a.openOptions(false, "serve: first read copy"))
		if err == nil || !errors.Is(err, warehouse.ErrLocked) || time.Now().After(deadline) {
			return p, err
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// publishReadCopy refreshes the workbench's read copy after a successful
// write; a failure is said, never made the command's failure (the server
// never makes the job fail).
func (a *app) publishReadCopy(ctx context.Context, w *warehouse.Warehouse) {
	if _, err := warehouse.PublishReadCopy(ctx, w); err != nil {
		a.say("serve_copy_failed", err)
	}
}

// serveRunner runs the scenarios asked for from the workbench with this
// invocation's configuration, one at a time (the server queues them).
type serveRunner struct{ a *app }

// scenarioFile is the name the workbench's scenario errors give the text
// a planner typed or uploaded.
const scenarioFile = "情景.yaml"

func (r serveRunner) CheckScenario(body []byte, _ string) (string, error) {
	s, err := config.ParseScenario(scenarioFile, body)
	if err != nil {
		return "", err
	}
	return s.Name, nil
}

// RunScenario runs as the warehouse's writer; while another process
// (the monthly job) holds the warehouse it waits, saying so, and tries
// again every 2 seconds until ctx ends.
func (r serveRunner) RunScenario(ctx context.Context, body []byte, period, user string, stage func(string)) (string, error) {
	s, err := config.ParseScenario(scenarioFile, body)
	if err != nil {
		return "", err
	}
	a := r.a
	a.stageHook = stage
	defer func() { a.stageHook = nil }()
	c := &cobra.Command{}
	c.SetContext(ctx)
	for {
		res, err := a.runScenario(c, s, period, false)
		if err == nil {
			a.log.Info("serve: scenario run", "scenario", s.Name, "period", period, "user", user, "run", res.RunID)
			return res.RunID, nil
		}
		if !errors.Is(err, errLocked) && !errors.Is(err, warehouse.ErrLocked) {
			return "", err
		}
		stage(a.msg("serve_waiting"))
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

func (r serveRunner) PlanDefaults() job.PlanOptions { return r.a.planOptions() }

func (r serveRunner) Example() []byte {
	b, err := config.ExampleScenarioText("nursing_yuncheng")
	if err != nil {
		return nil
	}
	return b
}

// refreshReadCopy publishes a read copy of a warehouse that a command
// other than run, scenario run, ingest or prune rewrote (the demo), when
// a workbench reads it (its read-copy folder exists); a failure is said,
// never made the command's.
func (a *app) refreshReadCopy(ctx context.Context, file string) {
	if fi, err := os.Stat(warehouse.ReadCopyDir(file)); err != nil || !fi.IsDir() {
		return
	}
	w, err := warehouse.Open(ctx, file, a.openOptions(false, "read copy"))
	if err != nil {
		a.say("serve_copy_failed", err)
		return
	}
	defer w.Close()
	a.publishReadCopy(ctx, w)
}

// demoAccount gives the demo warehouse a planner account "demo" with a
// new random password (replacing the previous demo's) and returns it.
func demoAccount(wh string) (string, error) {
	pw, err := account.NewPassword()
	if err != nil {
		return "", err
	}
	s := account.Open(wh)
	err = s.Add("demo", account.Planner, pw)
	if errors.Is(err, account.ErrExists) {
		err = s.SetPassword("demo", pw)
	}
	return pw, err
}
