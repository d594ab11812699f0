#!/usr/bin/env bash
# tools/release/check.sh: can a user outside the repository install and use
# every library module? What CI runs before a release can be tagged.
#
#   1. Each library module alone, from its own folder with GOWORK=off, the way
#      a user's build sees it: go build, go vet, go test, and `go mod tidy`
#      changes nothing. Its go line against the newest Go its dependencies need.
#   2. A file-based module proxy built from the working tree, every library
#      module served at $VERSION (tools/release/cmd/modproxy).
#   3. Per framework, a consumer module in a temporary folder outside the
#      repository gets that adapter alone from the proxy, as a user does
#      (`go get .../adapters/gin@v0.1.0`), builds a small server that attaches
#      the middleware the way the README shows, and makes a preflight and a
#      GET to it on 127.0.0.1; corscheck, installed with
#      `go install .../cmd/corscheck@v0.1.0`, judges each server too. One more
#      consumer uses the core alone (testdata/consumer holds the sources).
#   4. The oldest Go: every module's build and tests, and each consumer's
#      build, with the oldest toolchain each go line admits (go 1.23.0 ->
#      go1.23.0; a consumer's line is what go get raised it to), when the
#      module proxy serves it.
#
# Usage: tools/release/check.sh
# Environment:
#   VERSION=v0.1.0  the version the proxy serves the modules at
#   OLDEST_GO=0     skip step 4
#   KEEP_TMP=1      keep the temporary folder (proxy, consumers) for a look
#   PUBLISHED=1     after tagging: run only the consumers (steps 3 and 4's
#                   consumer part), getting $VERSION of each module from the
#                   configured GOPROXY with the checksum database, as users do
#
# Network: the Go module proxy only (frameworks come from the module cache
# when they are there); the consumer's servers listen on loopback.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
version=${VERSION:-v0.1.0}
published=${PUBLISHED:-0}
repo_path=github.com/corskit/corskit
# The modules come from go.work, the one list of them: every module it uses
# but the bench, the examples and this tooling is a library users import.
mapfile -t library_modules < <(cd "$repo" && go list -m -f '{{.Dir}}' | sed "s|^$repo/||" | grep -vE '^(bench|examples|tools/.*)$')
adapters=()
frameworks=()
for dir in "${library_modules[@]}"; do
	case $dir in adapters/*) ;; *) continue ;; esac
	adapters+=("${dir#adapters/}")
	# The framework an adapter serves: its one direct requirement that is
	# not corskit (none for the net/http adapter).
	fw=$(awk '/^require \(/{r=1; next} r && /^\)/{r=0} r && !/indirect/ && !/corskit/ {print $1} /^require [^(]/ && !/corskit/ {print $2}' "$repo/$dir/go.mod" | head -n 1)
	[ -n "$fw" ] && frameworks+=("$fw")
done
installable=(cmd/corscheck) # users run `go install PKG@VERSION`, which refuses replace and exclude

summary=()
failures=0
tmp=

section() { printf '\n== %s   [%ds]\n' "$*" "$SECONDS"; }

record() { # record STATUS MESSAGE: one line of the final summary
	local status=$1
	shift
	summary+=("$(printf '%-5s %s' "$status" "$*")")
	if [ "$status" = FAIL ]; then
		failures=$((failures + 1))
		printf 'FAIL: %s\n' "$*" >&2
	fi
}

make_temp_dir() { # a scratch folder outside the repository, removed on exit
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/corskit-release.XXXXXX")
	case "$tmp/" in
	"$repo"/*)
		echo "check.sh: the temporary folder $tmp is inside the repository; set TMPDIR elsewhere" >&2
		exit 2
		;;
	esac
	trap remove_temp_dir EXIT
}

remove_temp_dir() {
	if [ "${KEEP_TMP:-0}" = 1 ]; then
		echo "kept $tmp"
		return
	fi
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}

in_module() { # in_module DIR [NAME=VALUE...] CMD...: run CMD in module DIR, outside the workspace
	local dir=$1
	shift
	(cd "$repo/$dir" && env GOWORK=off "$@")
}

go_line() { # go_line DIR: the go directive of DIR's go.mod, e.g. 1.21
	awk '$1 == "go" { print $2; exit }' "$repo/$1/go.mod"
}

normalize_version() { # 1.21 -> 1.21.0, so that versions compare with sort -V
	case $1 in
	*.*.*) echo "$1" ;;
	*) echo "$1.0" ;;
	esac
}

version_greater() { # version_greater A B: is Go version A newer than B?
	local a b
	a=$(normalize_version "$1")
	b=$(normalize_version "$2")
	[ "$a" != "$b" ] && [ "$(printf '%s\n%s\n' "$a" "$b" | sort -V | tail -n1)" = "$a" ]
}

oldest_toolchain() { # oldest_toolchain GOLINE: the first release a go line admits
	local minor=${1#1.}
	minor=${minor%%.*}
	case $1 in
	*.*.*) echo "go$1" ;;
	*) if [ "$minor" -ge 21 ]; then echo "go$1.0"; else echo "go$1"; fi ;; # go1.20 had no .0
	esac
}

go_supports_tidy_diff() { # `go mod tidy -diff` arrived in Go 1.23
	local v
	v=$(go env GOVERSION)
	v=${v#go}
	! version_greater 1.23 "${v%%[-+ ]*}"
}

# ---- step 1: each module alone ---------------------------------------------

check_tidy() { # check_tidy DIR: show the diff and fail when go mod tidy would change go.mod or go.sum
	local dir=$1
	if go_supports_tidy_diff; then
		in_module "$dir" go mod tidy -diff
		return
	fi
	local saved=$tmp/tidy/$dir status=0 f
	mkdir -p "$saved"
	for f in go.mod go.sum; do
		if [ -f "$repo/$dir/$f" ]; then cp "$repo/$dir/$f" "$saved/$f"; else : >"$saved/$f.absent"; fi
	done
	in_module "$dir" go mod tidy || status=1
	for f in go.mod go.sum; do
		if [ -f "$saved/$f" ]; then
			diff -u "$saved/$f" "$repo/$dir/$f" || status=1
			cp "$saved/$f" "$repo/$dir/$f"
		elif [ -f "$repo/$dir/$f" ]; then
			diff -u /dev/null "$repo/$dir/$f" || status=1
			rm "$repo/$dir/$f"
		fi
	done
	return $status
}

# Builds use -trimpath throughout: without it the build cache keys every
# package on its folder, and the consumer's packages live in a fresh module
# cache on each run, so nothing would be reused between steps or runs.
check_module_alone() { # check_module_alone DIR: build, vet, test and tidy with GOWORK=off
	local dir=$1 step
	section "$dir: build, vet, test, tidy (GOWORK=off)"
	for step in build vet test; do
		if ! in_module "$dir" go "$step" -trimpath ./...; then
			record FAIL "$dir: go $step ./... fails outside the workspace (GOWORK=off)"
			return 0
		fi
	done
	if ! check_tidy "$dir"; then
		record FAIL "$dir: go mod tidy would change go.mod or go.sum (the diff is above); run it and commit"
		return 0
	fi
	record ok "$dir: go build, go vet, go test pass and go.mod/go.sum are tidy (GOWORK=off)"
}

dependencies_go_floor() { # dependencies_go_floor DIR: "GOVERSION MODULE@VERSION", the selected dependency needing the newest Go
	{
		in_module "$1" go list -m -f '{{.Path}}@{{.Version}}' all
		echo ---
		in_module "$1" go mod graph
	} | awk '$0 == "---" { graph = 1; next }
		!graph { selected[$0] = 1; next }
		$2 ~ /^go@/ && ($1 in selected) { print substr($2, 4), $1 }' |
		sort -V | tail -n1
}

check_go_line() { # check_go_line DIR: the go line should be the oldest Go the dependencies allow
	local dir=$1 own floor
	own=$(go_line "$dir")
	floor=$(dependencies_go_floor "$dir")
	if [ -z "$floor" ]; then
		record ok "$dir: go $own; no dependencies outside the standard library, whose use sets the line"
	elif version_greater "$own" "${floor%% *}"; then
		record WARN "$dir: go $own, but its dependencies need only go ${floor%% *} (${floor#* }): lower the line unless the code uses Go $own"
	else
		record ok "$dir: go $own, the newest Go its dependencies need (${floor#* })"
	fi
}

check_installable() { # check_installable DIR: `go install PKG@VERSION` refuses replace and exclude
	local dir=$1 directives
	directives=$(awk '$1 == "replace" || $1 == "exclude"' "$repo/$dir/go.mod")
	if [ -n "$directives" ]; then
		record FAIL "$dir: go.mod has replace or exclude directives, so \`go install $repo_path/$dir@$version\` would refuse it"
	fi
}

# ---- step 2: the module proxy ----------------------------------------------

commit_time() { git -C "$repo" log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ; }

build_proxy() { # build_proxy: the file proxy in $tmp/proxy, every library module at $version
	section "module proxy: every library module as $version"
	proxy=$tmp/proxy
	if (cd "$here" && GOWORK=off go run -trimpath ./cmd/modproxy -root "$repo" -out "$proxy" \
		-version "$version" -time "$(commit_time)" -modules "$(IFS=,; echo "${library_modules[*]}")"); then
		record ok "module proxy built: ${#library_modules[@]} modules at $version"
	else
		record FAIL "modproxy could not build the module proxy (see above)"
		return 1
	fi
}

# ---- step 3: the consumer outside the repository ---------------------------

upstream_proxies() { # the configured GOPROXY without direct or off: the module proxy only
	go env GOPROXY | tr ',|' '\n' | grep -v -x -e direct -e off -e '' | paste -s -d, - || true
}

setup_consumer_env() {
	consumers=$tmp/consumers
	bin=$tmp/bin
	cache_download=$(go env GOMODCACHE)/cache/download
	upstream=$(upstream_proxies)
	base_goflags=$(go env GOFLAGS)
	mkdir -p "$consumers" "$bin"
	set_consumer_proxy
}

in_consumer() { # in_consumer NAME [VAR=VALUE...] CMD...: run CMD in consumer NAME as a user outside the repository would
	local dir=$consumers/$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && env GOWORK=off GOTOOLCHAIN=local GOMODCACHE="$tmp/modcache" \
		GOFLAGS="$base_goflags -modcacherw -mod=mod" "${consumer_proxy_env[@]}" "$@")
}

set_consumer_proxy() { # how the consumers find modules: our file proxy, or (PUBLISHED=1) the real one
	if [ "$published" = 1 ]; then
		# Exactly as a user: the configured proxy and the checksum database.
		consumer_proxy_env=(GOPROXY="$(go env GOPROXY)")
		return
	fi
	# Our modules come from the file proxy; everything else from the local
	# module cache's download folder (a valid proxy itself), then the
	# upstream proxy. The consumers have their own module cache so that the
	# user's cache never holds a v0.1.0 of ours that was never tagged (the
	# cache is immutable: a later run would test the stale copy). Only our
	# module path skips the checksum database.
	consumer_proxy_env=(
		GOPROXY="file://$proxy,file://$cache_download${upstream:+,$upstream}"
		GONOSUMDB="$repo_path" GOPRIVATE= GONOPROXY= GOINSECURE=
	)
}

make_consumer() { # make_consumer NAME MODULE: a consumer module outside the repository that gets only MODULE
	local name=$1 mod=$repo_path/$2 dir=$consumers/$1
	mkdir -p "$dir"
	cp -R "$here/testdata/consumer/go.mod" "$here/testdata/consumer/internal" "$here/testdata/consumer/$name" "$dir/"
	# The hashes the adapters committed, so that frameworks verify without a
	# checksum-database round trip; anything missing is checked as usual.
	cat "$repo"/adapters/*/go.sum 2>/dev/null | sort -u >"$dir/go.sum"
	local status=0
	in_consumer "$name" go get "$mod@$version" >"$dir/go-get.log" 2>&1 || status=$?
	# Everything but the list of modules fetched (from the local cache, mostly).
	grep -v -e '^go: downloading ' -e '^go: added ' "$dir/go-get.log" || true
	if [ "$status" = 0 ]; then
		return 0
	fi
	record FAIL "consumer $name: go get $mod@$version fails for a user: check its module path and its requirements (the core at a version that is not tagged?)"
	return 1
}

install_corscheck() {
	corscheck=
	if in_consumer corscheck GOBIN="$bin" GOFLAGS="$base_goflags -modcacherw" go install "$repo_path/cmd/corscheck@$version"; then
		record ok "consumer: go install $repo_path/cmd/corscheck@$version"
		corscheck=$bin/corscheck
	else
		record FAIL "consumer: go install $repo_path/cmd/corscheck@$version fails for a user"
	fi
}

run_consumer_app() { # run_consumer_app NAME [GO]: build consumer NAME's app (with the go binary GO) and run it
	local name=$1 gocmd=${2:-go} label=$1 exe=$bin/$1 out
	if [ "$gocmd" != go ]; then
		label="$name with $("$gocmd" env GOVERSION)"
		exe=$bin/$name-oldest-go
	fi
	if ! in_consumer "$name" "$gocmd" build -trimpath -o "$exe" "./$name"; then
		record FAIL "consumer $label: the app does not build against $version (module paths, requirements or the public API changed?)"
		return 0
	fi
	if out=$(timeout 120 "$exe" ${corscheck:+-corscheck "$corscheck"} 2>&1); then
		echo "$out"
		record ok "consumer $label: $(printf '%s\n' "$out" | sed -n '$s/^[a-z]* *ok *//p')"
	else
		echo "$out"
		record FAIL "consumer $label: ${out:-no output (timed out?)}"
	fi
}

check_consumers() { # one consumer module per framework (and one for the core alone)
	section "consumers outside the repository: go get each module at $version from $([ "$published" = 1 ] && echo "the published tags" || echo "the file proxy")"
	setup_consumer_env
	echo "consumers in $consumers"
	local name mod ours_and_frameworks
	ours_and_frameworks="^($repo_path/|$(IFS='|'; echo "${frameworks[*]}") )"
	consumer_apps=()
	for name in core "${adapters[@]}"; do
		mod=adapters/$name
		[ "$name" = core ] && mod=core
		echo "-- $name: go get $repo_path/$mod@$version"
		if make_consumer "$name" "$mod"; then
			in_consumer "$name" go list -m all | grep -E "$ours_and_frameworks" | sed 's/^/   /' || true
			consumer_apps+=("$name")
		fi
	done
	install_corscheck
	section "consumers: one server per framework on 127.0.0.1, a preflight and a GET"
	for name in "${consumer_apps[@]}"; do
		run_consumer_app "$name"
	done
}

# ---- step 4: the oldest Go -------------------------------------------------

toolchain_binary() { # toolchain_binary NAME: the go binary of toolchain NAME, fetched through the module proxy into the module cache; empty when not served
	local goroot
	if goroot=$(cd "$tmp" && GOTOOLCHAIN=$1 GOWORK=off go env GOROOT 2>/dev/null) && [ -x "$goroot/bin/go" ]; then
		echo "$goroot/bin/go"
	fi
}

check_module_oldest_go() { # check_module_oldest_go DIR: build and test DIR with the oldest Go its go line admits
	local dir=$1 line name
	line=$(go_line "$dir")
	name=$(oldest_toolchain "$line")
	section "$dir with $name (go line $line)"
	if [ -z "$(toolchain_binary "$name")" ]; then
		record SKIP "$dir: the module proxy does not serve golang.org/toolchain $name, so the oldest Go was not tested"
		return 0
	fi
	if in_module "$dir" GOTOOLCHAIN="$name" go build -trimpath ./... &&
		in_module "$dir" GOTOOLCHAIN="$name" go test -trimpath ./...; then
		record ok "$dir: go build and go test pass with $name (go line $line)"
	else
		record FAIL "$dir: fails with $name although its go line says go $line: raise the line or stop using newer Go"
	fi
}

check_consumers_oldest_go() { # each consumer's app built with the oldest Go its go line admits
	# A consumer's go line is the one go get left it: the highest that the
	# module it installed and that module's framework require.
	local line name gocmd app
	for app in "${consumer_apps[@]}"; do
		line=$(awk '$1 == "go" { print $2; exit }' "$consumers/$app/go.mod")
		name=$(oldest_toolchain "$line")
		gocmd=$(toolchain_binary "$name")
		section "consumer $app with $name (its go line after go get: $line)"
		if [ -z "$gocmd" ]; then
			record SKIP "consumer $app: the module proxy does not serve golang.org/toolchain $name"
			continue
		fi
		run_consumer_app "$app" "$gocmd"
	done
}

print_summary() {
	section "summary ($SECONDS s)"
	printf '%s\n' "${summary[@]}"
	if [ "$failures" -gt 0 ]; then
		printf '\n%d check(s) failed\n' "$failures"
		return 1
	fi
	printf '\nall release checks passed\n'
}

main() {
	make_temp_dir
	local dir
	consumer_apps=()
	if [ "$published" = 1 ]; then
		echo "published release check of $repo_path at $version ($(go version))"
		check_consumers
		if [ "${OLDEST_GO:-1}" != 0 ] && [ ${#consumer_apps[@]} -gt 0 ]; then
			check_consumers_oldest_go
		fi
		print_summary
		return
	fi
	echo "release check of $repo_path at $version ($(go version))"
	for dir in "${library_modules[@]}"; do
		check_module_alone "$dir"
	done
	for dir in "${library_modules[@]}"; do
		check_go_line "$dir"
	done
	for dir in "${installable[@]}"; do
		check_installable "$dir"
	done
	if build_proxy; then
		check_consumers
	fi
	if [ "${OLDEST_GO:-1}" != 0 ]; then
		for dir in "${library_modules[@]}"; do
			check_module_oldest_go "$dir"
		done
		if [ ${#consumer_apps[@]} -gt 0 ]; then
			check_consumers_oldest_go
		fi
	fi
	print_summary
}

main "$@"
