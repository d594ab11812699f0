# corskit is a multi-module repository: `go test ./...` at the go.work root
# does not cross modules, so every target loops over the modules go.work uses.
SHELL      := /bin/bash
GO         ?= go
MODULES    := $(shell $(GO) list -m -f '{{.Dir}}' 2>/dev/null)
# The library modules: what users import, and what the race detector and the
# release checks cover.
LIBRARIES  := core adapters/gin adapters/echo adapters/fiber adapters/fiber3 adapters/chi cmd/corscheck
STATICCHECK ?= $(shell command -v staticcheck 2>/dev/null || echo $$($(GO) env GOPATH)/bin/staticcheck)
FUZZTIME   ?= 5m

.PHONY: test fmt-check vet staticcheck unit e2e race release-check fuzz bench

# test: what CI runs (.ci/run calls it). Unit tests include the shared
# conformance table on five targets, the fuzz seed corpora, the bypass
# corpus and the real-browser matrix (examples/e2e).
test: fmt-check vet staticcheck unit e2e race release-check

fmt-check:
	@out=$$(gofmt -l $(MODULES)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	@set -e; for m in $(MODULES); do echo "== vet $$m"; (cd $$m && $(GO) vet ./...); done

staticcheck:
	@test -x "$(STATICCHECK)" || { echo "staticcheck missing: go install honnef.co/go/tools/cmd/staticcheck@v0.8.2"; exit 1; }
	@set -e; for m in $(MODULES); do echo "== staticcheck $$m"; (cd $$m && $(STATICCHECK) ./...); done

# unit: every module's tests but the end-to-end ones, which e2e runs.
unit:
	@set -e; for m in $(MODULES); do echo "== test $$m"; \
		(cd $$m && $(GO) test -count=1 $$($(GO) list ./... | grep -v '/examples/e2e$$')); done

# e2e: the example servers as binaries and the real-browser matrix in headless
# Chromium; -v so the count of browser cases shows, passing subtests dropped.
e2e:
	@echo "== e2e examples/e2e"
	@set -o pipefail; cd examples && $(GO) test -count=1 -v ./e2e | grep -vE '^ *(=== (RUN|PAUSE|CONT|NAME)|--- PASS)'

# race: the library modules again under the race detector, which is where
# the concurrent adapter tests and Reconfigure under load prove themselves.
race:
	@set -e; for m in $(LIBRARIES); do echo "== race $$m"; (cd $$m && $(GO) test -race -count=1 ./...); done

# release-check: every library module built and tested as a user's build
# sees it (GOWORK=off, tidy), and a consumer outside the repository that
# installs the adapters through a file-based module proxy.
release-check:
	@bash tools/release/check.sh

# fuzz: every fuzz target of the core for FUZZTIME each (make fuzz FUZZTIME=30s).
fuzz:
	@set -e; cd core && for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== fuzz $$pkg $$f ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; done

# bench: the side-by-side benchmarks against every peer; writes BENCHMARKS.md.
bench:
	@bash bench/run.sh
