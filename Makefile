# emcontract: `make suite` runs the main job, `make test` runs every check CI runs.
GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
SPECTRAL    := tools/spectral/node_modules/.bin/spectral
REDOCLY     := tools/redocly/node_modules/.bin/redocly
PRISM       := tools/prism/node_modules/.bin/prism

.PHONY: help all test suite mutate browser coverage-html-test prism check-gofmt vet staticcheck race reports lint-spec spec-fresh generate record bench build mock abuse clean

all: test

## help: list the targets and what each does
help:
	@awk '/^## [a-z-]+:/ { prev = $$0; sub(/^## /, ""); i = index($$0, ":"); printf "  make %-18s %s\n", substr($$0, 1, i-1), substr($$0, i+2); next } \
	     /^## / && prev ~ /^## / { sub(/^## /, ""); printf "  %-23s %s\n", "", $$0; next } { prev = $$0 }' $(MAKEFILE_LIST)

## suite: the whole godog suite against the embedded mock, in each profile (the main job)
suite:
	$(GO) run ./cmd/emcontract test --target mock
	$(GO) run ./cmd/emcontract test --target mock --profile current

## test: formatting, vet, staticcheck, spec freshness and lint, race tests (mock + replay suites,
## the generated client, Prism and the coverage page in Chromium included), then the drift,
## fidelity and coverage reports over the committed cassettes
test: check-gofmt vet staticcheck spec-fresh lint-spec race reports

## check-gofmt: fail if a Go file is not gofmt-formatted
check-gofmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## vet: go vet ./...
vet:
	$(GO) vet ./...

## staticcheck: staticcheck ./... (pinned version, fetched by go run)
staticcheck:
	$(GO) run $(STATICCHECK) ./...

## race: go test -race ./... (unit tests, the suite on the mock and on the cassettes); installs
## the headless Chromium and Prism its tests use
race: browser $(PRISM)
	$(GO) test -race -count=1 -timeout 30m ./...

## reports: fail on drift in the cassettes, on a mock that no longer answers as they recorded,
## or on a catalogue ID without scenarios or with one that did not pass (reads reports/mock.cucumber.json from `race`)
reports:
	$(GO) run ./cmd/emcontract validate
	$(GO) run ./cmd/emcontract fidelity
	$(GO) run ./cmd/emcontract coverage --report reports/mock.cucumber.json --out reports/coverage

## mutate: break the store's documented rules one at a time (tools/mutate/mutations.yaml) and run
## the suite against the mock for each; prints the score and the survivors (slow: not in `test`)
mutate:
	$(GO) run ./tools/mutate

## spec-fresh: openapi/easemob.yaml must equal what go generate assembles from openapi/src
spec-fresh:
	$(GO) test -count=1 -run TestGeneratedSpecIsUpToDate ./openapi/

## lint-spec: Stoplight Spectral's and Redocly's OpenAPI rulesets over the contract, installed
## from their lock files; a warning fails too
lint-spec: $(SPECTRAL) $(REDOCLY)
	$(SPECTRAL) lint --fail-severity=warn --ruleset tools/spectral/.spectral.yaml openapi/easemob.yaml
	$(REDOCLY) lint --config tools/redocly/redocly.yaml openapi/easemob.yaml

$(SPECTRAL): tools/spectral/package.json tools/spectral/package-lock.json
	cd tools/spectral && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(REDOCLY): tools/redocly/package.json tools/redocly/package-lock.json
	cd tools/redocly && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## prism: install Stoplight Prism from tools/prism's lock file (its test serves the contract)
prism: $(PRISM)

$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	cd tools/prism && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## browser: install a headless Chromium if none is on PATH (apt-get; for the coverage page test)
browser:
	bash tools/chromium/install.sh

## coverage-html-test: render coverage.html in headless Chromium and check what a reader sees
coverage-html-test: browser
	$(GO) test -count=1 -run TestCoverageHTMLInChromium -v ./report/

## generate: reassemble openapi/easemob.yaml from openapi/src
generate:
	$(GO) generate ./openapi

## record: re-record cassettes (against the mock unless EMCONTRACT_BASE_URL and credentials are set)
record:
	$(GO) run ./cmd/emcontract record

## bench: the mock's in-process benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./mockserver/...

## build: build bin/emcontract
build:
	$(GO) build -o bin/emcontract ./cmd/emcontract

## mock: build and start the mock on 127.0.0.1:8080
mock: build
	./bin/emcontract mock

## abuse: replay the hardening issue's attacks against the built binary on 127.0.0.1 (bounded,
## a few minutes) and print what each cost it
abuse: build
	$(GO) run ./tools/abuse -bin bin/emcontract

## clean: remove bin/, reports/ and the installed linters and Prism
clean:
	rm -rf bin reports tools/spectral/node_modules tools/redocly/node_modules tools/prism/node_modules
