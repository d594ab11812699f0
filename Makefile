# corskit is a multi-module repository: `go test ./...` at the go.work root
# does not cross modules, so every target loops over the modules go.work uses.
MODULES := $(shell go list -m -f '{{.Dir}}' 2>/dev/null)
GO ?= go

.PHONY: test vet unit fmt-check

# test: what CI runs (.ci/run calls it): formatting, vet and every module's tests.
test: fmt-check vet unit

fmt-check:
	@out=$$(gofmt -l $(MODULES)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	@set -e; for m in $(MODULES); do echo "== vet $$m"; (cd $$m && $(GO) vet ./...); done

unit:
	@set -e; for m in $(MODULES); do echo "== test $$m"; (cd $$m && $(GO) test -count=1 ./...); done
