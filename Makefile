# Casebook: check case files and build the site with the embedded Hugo.
# "make build" builds the sample site into public/; "make test" runs every test.

GO       ?= go
VERSION  := $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS  := -X main.version=$(VERSION)
BIN      := bin/casebook
FUZZTIME ?= 30s
# BUILDFLAGS: extra flags of "casebook build", e.g. BUILDFLAGS="-baseURL https://org.github.io/repo/"
BUILDFLAGS ?=
# actionlint checks .github/workflows (run with go run: not a module dependency)
ACTIONLINT ?= github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

.PHONY: all build serve test check bench fuzz deps clean

all: check build

$(BIN): FORCE
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/casebook

FORCE:

## build: check the cases, generate the pages and build the site into public/
build: $(BIN)
	$(BIN) build $(BUILDFLAGS)

## serve: live preview on http://localhost:1313/
serve: $(BIN)
	$(BIN) serve

## test: every test (unit, golden, checker corpus, short fuzz runs, site build, browser)
test: deps
	$(GO) test -count=1 ./...
	$(MAKE) fuzz FUZZTIME=$(TEST_FUZZTIME)

## check: formatting, vet, the workflows (actionlint) and the case checker over cases/
check: $(BIN)
	@out=$$(gofmt -l cmd internal); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(ACTIONLINT)
	$(BIN) check

## bench: Go benchmarks (decode, parse, render per case), then whole-site runs
## on BENCH_SIZES synthetic profiles: casebook build vs bare Hugo (BENCH_REPS
## clean builds of each, one after the other: medians), peak memory,
## check+generate, and the preview server's edit-to-page latency
## (docs/performance.md); then the search of /prisoners/ in headless Chromium:
## index size, time until ready, time of typical queries
## (docs/search-performance.md)
BENCH_SIZES ?= 1000,10000
BENCH_REPS ?= 3
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./internal/synth/cmd/sitebench -n $(BENCH_SIZES) -reps $(BENCH_REPS)
	$(GO) run ./internal/synth/cmd/searchbench -n $(BENCH_SIZES)

## fuzz: run each fuzz target for FUZZTIME (default 30s; make test runs each
## for TEST_FUZZTIME): decoding and validation, footnote numbering and
## Markdown generation, the fast TOML reader, the JSON string writer. A new input
## is minimised in at most 100 runs, so a short run spends its time fuzzing
## (a 5s limit took half of a 10s run).
## make test counts executions instead of seconds: Go 1.26's fuzz coordinator
## can fail a duration-limited run with "context deadline exceeded" when the
## time runs out mid-execution, without any failing input (go.dev/issue/75804,
## fixed in Go 1.27); a count has no deadline to race. 50000 runs take about
## 10 s per target on 2 cores.
TEST_FUZZTIME ?= 50000x
FUZZMINIMIZE ?= 100x
fuzz:
	$(GO) test ./internal/casefile -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./internal/render -run '^$$' -fuzz '^FuzzBundle$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./internal/casefile -run '^$$' -fuzz '^FuzzFastReader$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./internal/jsonfmt -run '^$$' -fuzz '^FuzzWriterString$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)

## deps: the npm packages the browser tests use (Chromium comes from apt: see .ci/run)
deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

clean:
	rm -rf bin public resources/_gen
