#!/usr/bin/env bash
# tools/newest/check.sh: every adapter's tests against the newest release of
# its framework, besides the oldest its go.mod names (which `make unit`
# tests). A user may be on either end, and a framework's new release is
# where a changed router or header API shows first.
#
# Each adapter is copied to a temporary folder, so that the repository's
# go.mod files stay at the oldest versions; the copy points at this
# repository's modules, gets the newest framework, and runs its tests.
#
# Usage: tools/newest/check.sh [MODULE@VERSION ...]   (default: NEWEST below)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

# The newest release of each framework that the module proxy serves, pinned
# so that a run is repeatable; raise them when a framework releases.
NEWEST=(
	github.com/gin-gonic/gin@v1.12.0
	github.com/labstack/echo/v4@v4.16.5
	github.com/go-chi/chi/v5@v5.5.0
	github.com/gofiber/fiber/v2@v2.52.15
	github.com/labstack/echo/v5@v5.4.6
	github.com/gofiber/fiber/v3@v3.1.0
)
[ $# -gt 0 ] && NEWEST=("$@")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

for dir in "$repo"/adapters/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	for want in "${NEWEST[@]}"; do
		mod=${want%@*}
		grep -qE "^[[:space:]]*(require[[:space:]]+)?$mod[[:space:]]" "$dir/go.mod" || continue
		echo "== adapters/$name with $want"
		copy="$tmp/$name"
		rm -rf "$copy"
		cp -r "$dir" "$copy"
		(
			cd "$copy"
			export GOWORK=off GOFLAGS=-mod=mod
			# The copy's relative replace directives (the core, corshttp)
			# point back into the repository.
			sed -i "s|=> \.\./|=> $dir/../|" go.mod
			go get "$want" >/dev/null
			go mod tidy >/dev/null
			go vet ./...
			go test -count=1 ./...
		) || { echo "FAIL: adapters/$name with $want"; failures=$((failures + 1)); }
	done
done
if [ "$failures" -gt 0 ]; then
	echo "newest: $failures adapter(s) fail with their framework's newest release" >&2
	exit 1
fi
echo "newest: every adapter passes with its framework's newest release"
