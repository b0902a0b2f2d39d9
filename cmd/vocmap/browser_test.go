package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/vocmap/vocmap/pipelines/warehouse"
	"github.com/vocmap/vocmap/web"
)

// chromium finds the browser the browser tests drive (CI installs
// Debian's chromium).
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on this machine: the browser tests need it (apt-get install chromium; .ci/run installs it)")
	return ""
}

// TestWorkbenchInBrowser drives the workbench in headless Chromium as a
// planner would: sign in, open the warning list, filter it to one city's
// red rows, open a program's explanation, sign out. Any console error,
// uncaught exception or request to anywhere but the server fails it.
// Screenshots go to $VOCMAP_SCREENSHOTS when set.
func TestWorkbenchInBrowser(t *testing.T) {
	exe := chromium(t)
	wh := copyWarehouse(t, demoWarehouse(t))
	if code, _, stderr := users(t, "password-p\n", "--warehouse", wh, "users", "add", "规划员", "--role", "planner", "--password-stdin"); code != 0 {
		t.Fatalf("users add: %d %s", code, stderr)
	}
	ctx := context.Background()
	if _, err := warehouse.EnsureReadCopies(ctx, wh, warehouse.Options{}); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(ctx, web.Options{Warehouse: wh})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("headless", true), chromedp.WindowSize(1280, 900), chromedp.Flag("lang", "zh-CN"))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// A loaded machine is slow, never wrong: a generous deadline, no sleeps.
	bctx, cancel = context.WithTimeout(bctx, 5*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, ts.URL) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "about:") {
				problems = append(problems, "request outside the server: "+u)
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, "console error")
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError && !strings.Contains(e.Entry.URL, "favicon.ico") {
				problems = append(problems, "browser error: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("VOCMAP_SCREENSHOTS")
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("browser, %s: %v", what, err)
		}
	}
	text := func(sel chromedp.CSS) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("browser, text of %s: %v", sel, err)
		}
		return s
	}
	shot := func(name string) {
		t.Helper()
		if shots == "" {
			return
		}
		buf, err := chromedp.Run(bctx, chromedp.FullScreenshot(90))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".jpg"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	step("open the list unsigned", chromedp.Navigate(ts.URL+"/warnings"), chromedp.WaitVisible(chromedp.ID("name")))
	signinTitle, err := chromedp.Run(bctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	shot("1-signin")
	step("sign in", chromedp.SendKeys(chromedp.ID("name"), "规划员"), chromedp.SendKeys(chromedp.ID("password"), "password-p"),
		chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("warnings"))) // back where the planner was going
	step("runs page", chromedp.Click(chromedp.ID("nav-runs")), chromedp.WaitVisible(chromedp.ID("period-2025-12")))
	home := text("main")
	shot("2-runs")
	step("filter the list", chromedp.Click(chromedp.ID("nav-list")), chromedp.WaitVisible(chromedp.ID("f-region")),
		chromedp.SetValue(chromedp.ID("f-region"), "140100"), chromedp.SetValue(chromedp.ID("f-signal"), "red"),
		chromedp.Click(chromedp.ID("apply")),
		chromedp.WaitVisible(chromedp.CSS(`#f-signal option[value="red"][selected]`)))
	summary, rows := text("#summary"), text("#warnings tbody")
	shot("3-list-taiyuan-red")
	step("open a program", chromedp.Click(chromedp.CSS("#warnings tbody a.program")), chromedp.WaitVisible(chromedp.ID("indicators")))
	program, indicators := text("h1"), text("#indicators")
	shot("4-program")
	step("sign out", chromedp.Click(chromedp.ID("signout")), chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.Navigate(ts.URL+"/warnings"), chromedp.WaitVisible(chromedp.ID("name")))
	after, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the browser saw:\n%s", strings.Join(problems, "\n"))
	}
	if !strings.Contains(signinTitle, "登录") {
		t.Errorf("sign-in page title %q", signinTitle)
	}
	if !strings.Contains(home, "2025-12") || !strings.Contains(home, "基准") {
		t.Errorf("runs page:\n%s", home)
	}
	if !strings.Contains(summary, "红") || !strings.Contains(rows, "红") || strings.Contains(rows, "黄") {
		t.Errorf("Taiyuan's red rows: summary %q\n%s", summary, rows)
	}
	if !strings.Contains(rows, "太原") {
		t.Errorf("the red rows do not name 太原:\n%s", rows)
	}
	if program == "" || !strings.Contains(indicators, "供需比") || !strings.Contains(indicators, "去向落实率") {
		t.Errorf("program page: %q\n%s", program, indicators)
	}
	if !strings.Contains(after, "/signin") {
		t.Errorf("after signing out, /warnings went to %q, not the sign-in form", after)
	}
}
