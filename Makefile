# vocmap's build. Every Go command passes the build tag duckdb_arrow:
# duckdb-go compiles its Arrow interface only with it, and vocmap moves
# data between Go and DuckDB as Arrow (docs/architecture.md).
GO      ?= go
TAGS    := -tags duckdb_arrow
BIN     := bin/vocmap
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
FUZZTIME ?= 20s
BENCHDIR ?= /tmp/vocmap-bench

.PHONY: all build demo browser-check notebooks test race vet fmt fuzz golden bench bench-ingest bench-demo bench-run bench-scenario bench-m4 bench-m1 bench-forecast-cli clean

all: build

build:
	$(GO) build $(TAGS) -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/vocmap

## demo: the main job on the embedded Shanxi demo dataset, in ./vocmap-demo
demo: build
	./$(BIN) demo

## browser-check: open each HTML report of the demo in headless Chromium; fail on a console error,
## a JavaScript exception or any network request; full-page screenshots in SHOTDIR
## (needs Debian's chromium, nodejs and fonts-noto-cjk; see scripts/browser-check.sh)
SHOTDIR ?= vocmap-demo/screenshots
browser-check: demo
	./scripts/browser-check.sh vocmap-demo/out $(SHOTDIR)

## notebooks: execute notebooks/*.ipynb against the demo warehouse; fail on any error
## (needs Debian's python3-pandas, python3-matplotlib, python3-ipykernel, jupyter-nbconvert, python3-nbclient)
notebooks: demo
	./scripts/notebooks.sh

## test: every test (self-contained: temp-dir DuckDB, fixtures in testdata/)
test:
	$(GO) test $(TAGS) -count=1 -timeout 45m ./...

race:
	$(GO) test $(TAGS) -race -count=1 ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet $(TAGS) ./...

## fuzz: run each fuzz target for FUZZTIME (seeds are committed under testdata/fuzz)
fuzz:
	$(GO) test $(TAGS) ./datasets/ -run '^$$' -fuzz '^FuzzCSVReader$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./datasets/ -run '^$$' -fuzz '^FuzzXLSXReader$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./datasets/ -run '^$$' -fuzz '^FuzzDetectEncoding$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./config/ -run '^$$' -fuzz '^FuzzConfigFile$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./pipelines/warehouse/ -run '^$$' -fuzz '^FuzzQuoteIdent$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./pipelines/warehouse/ -run '^$$' -fuzz '^FuzzReadOnlyQuery$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./analytics/forecast/ -run '^$$' -fuzz '^FuzzForecast$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./analytics/demand/ -run '^$$' -fuzz '^FuzzReconcile$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./analytics/supply/ -run '^$$' -fuzz '^FuzzCohort$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./analytics/rules/ -run '^$$' -fuzz '^FuzzEvaluate$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./pipelines/report/chart/ -run '^$$' -fuzz '^FuzzLineChart$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./analytics/optimize/ -run '^$$' -fuzz '^FuzzSolve$$' -fuzztime $(FUZZTIME)
	$(GO) test $(TAGS) ./config/ -run '^$$' -fuzz '^FuzzScenario$$' -fuzztime $(FUZZTIME)

## golden: regenerate the golden files of end-to-end tests
golden:
	$(GO) test $(TAGS) ./cmd/vocmap/ -run TestGolden -update
	$(GO) test $(TAGS) ./pipelines/report/ -run 'TestGolden|TestTargetsByHand' -update

## bench: the benchmarks recorded in docs/benchmarks.md
bench: bench-ingest bench-demo

bench-ingest: build
	./scripts/bench-ingest.sh $(BIN) $(BENCHDIR)

bench-demo: build
	./scripts/bench-demo.sh $(BIN)

## bench-scenario: a scenario with 200 draws and the plan LP on the Shanxi demo (issue 6 targets: 30 s, 10 s)
bench-scenario: demo
	/usr/bin/time -f "scenario nev_taiyuan (200 draws): %e s, peak RSS %M KB" $(BIN) --warehouse vocmap-demo/vocmap.duckdb --quiet scenario run config/scenarios/nev_taiyuan.yaml --period 2025-12 --out vocmap-demo/bench-scenario >/dev/null
	/usr/bin/time -f "plan LP (all programs x 11 cities): %e s, peak RSS %M KB" $(BIN) --warehouse vocmap-demo/vocmap.duckdb --quiet plan --period 2025-12 --out vocmap-demo/bench-plan.csv >/dev/null

## bench-run: the full `vocmap run` on the province and national synthetic datasets (datasets kept in BENCHDIR)
bench-run: build
	WORK=$(BENCHDIR) ./scripts/bench-run.sh $(BIN)

clean:
	rm -rf bin vocmap-demo

## bench-m4: the forecasting engine on all 23,000 M4 yearly series (M4DIR), with R's ets and thetaf
## on the same series and cores, and the coverage of the 80/95% intervals
M4DIR ?= ../shared/m4
bench-m4:
	@$(R_FORECAST)
	$(GO) run $(TAGS) ./bench/m4 -data $(M4DIR) -method auto,ets,theta,dotm,comb,damped -workers 2 -intervals -r

## bench-m1: the forecasting engine against R's ets and thetaf on the 617 M1 monthly series (M1DIR),
## with the coverage of the 80/95% intervals
M1DIR ?= ../shared/m1
bench-m1:
	@$(R_FORECAST)
	$(GO) run $(TAGS) ./bench/m1 -data $(M1DIR) -method auto,ets,theta,dotm -workers 2 -intervals -r

# R_FORECAST installs R's forecast package (Debian's r-cran-forecast, which
# brings R) unless Rscript already loads it; with sudo when not root.
R_FORECAST = Rscript -e 'suppressMessages(library(forecast))' >/dev/null 2>&1 || { \
	if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	echo "installing R's forecast package: apt-get install -y r-cran-forecast"; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y r-cran-forecast || \
	{ $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y r-cran-forecast; }; }

## bench-forecast-cli: `vocmap forecast` end to end on the 23,000 M4 yearly training series,
## written as a long CSV (series_id,t,value) in FCDIR; prints the wall time and the peak RSS
FCDIR ?= $(BENCHDIR)/forecast-cli
bench-forecast-cli: build
	mkdir -p $(FCDIR)
	$(GO) run $(TAGS) ./bench/m4 -data $(M4DIR) -export-long $(FCDIR)/m4-yearly-train.csv
	/usr/bin/time -v -o $(FCDIR)/time.txt ./$(BIN) forecast --in $(FCDIR)/m4-yearly-train.csv --horizon 6 --out $(FCDIR)/forecast.csv
	@awk -F': ' '/Elapsed \(wall clock\)/ { n = split($$2, p, ":"); for (i = 1; i <= n; i++) wall = wall * 60 + p[i] } \
		/Maximum resident set size/ { rss = $$2 } \
		END { printf "vocmap forecast, M4 yearly training series, horizon 6: wall time %.2f s, max RSS %d KB (%.0f MiB)\n", wall, rss, rss / 1024 }' $(FCDIR)/time.txt
