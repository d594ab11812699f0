#!/usr/bin/env bash
# Runs corskit's side-by-side benchmarks and writes BENCHMARKS.md and
# bench/chart.svg (make bench calls it).
#
#   bench/run.sh                          full run: -count 6, -benchtime 1s (about 15 minutes on 2 cores)
#   BENCH_COUNT=2 BENCH_TIME=100ms bench/run.sh   quick look (the p-values and intervals need 6 runs)
#   BENCH_FILTER='Gin|Chi' bench/run.sh   some frameworks only
#   BENCH_OUT=/tmp/B.md BENCH_SVG=/tmp/chart.svg BENCH_RESULTS=/tmp/results bench/run.sh
#                                         write the report, chart and raw results elsewhere
#
# Steps: the correctness pass (corskit must answer every scenario rightly;
# peers' answers are recorded), the benchmarks (the test binary is built
# once and the whole suite runs BENCH_COUNT times, so that slow drift in the
# machine spreads over every row instead of landing on a few), benchstat,
# then the report generator.
set -euo pipefail
cd "$(dirname "$0")"

count=${BENCH_COUNT:-6}
benchtime=${BENCH_TIME:-1s}
filter=${BENCH_FILTER:-.}
report=${BENCH_OUT:-../BENCHMARKS.md}
chart=${BENCH_SVG:-chart.svg}
results=${BENCH_RESULTS:-results}
mkdir -p "$results"

benchstat=$(command -v benchstat || true)
if [ -z "$benchstat" ]; then
	benchstat="$(go env GOPATH)/bin/benchstat"
	if [ ! -x "$benchstat" ]; then
		echo "== installing benchstat"
		go install golang.org/x/perf/cmd/benchstat@latest
	fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== correctness pass"
go test -count=1 -run '^(TestCorskitRight|TestPeers)$' -v . >"$tmp/correctness.txt" || {
	cat "$tmp/correctness.txt"
	echo "corskit answers a scenario wrongly: no timing until it is fixed" >&2
	exit 1
}

go test -c -o "$tmp/bench.test" .

{
	echo "started $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "go $(go env GOVERSION)"
	commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
	if [ -n "$(git status --porcelain -- ../core ../adapters 2>/dev/null)" ]; then
		commit="$commit, with uncommitted changes in core/ or adapters/"
	fi
	echo "commit $commit"
	echo "count $count"
	echo "benchtime $benchtime"
	echo "filter $filter"
	echo "loadavg-before $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$tmp/env.txt"

raw="$tmp/raw.txt"
: >"$raw"
for i in $(seq "$count"); do
	echo "== benchmarks, run $i of $count (-benchtime $benchtime)"
	"$tmp/bench.test" -test.run '^$' -test.bench "$filter" -test.benchtime "$benchtime" \
		-test.count 1 -test.benchmem >>"$raw"
	echo "loadavg-run$i $(cut -d' ' -f1 /proc/loadavg)" >>"$tmp/env.txt"
done

{
	echo "loadavg-after $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "finished $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >>"$tmp/env.txt"

# The test binary's closing "ok ... 0.004s" line would change at every run.
grep -v '^ok ' "$tmp/correctness.txt" >"$results/correctness.txt"
cp "$raw" "$results/raw.txt"
cp "$tmp/env.txt" "$results/env.txt"
order=$(go run ./cmd/report -order)
"$benchstat" -table .name -row /scenario -col "/impl@($order)" "$results/raw.txt" >"$results/benchstat.txt" 2>/dev/null

echo "== report"
go run ./cmd/report -results "$results" -benchstat "$benchstat" -out "$report" -svg "$chart"
echo "wrote $report and $chart"
