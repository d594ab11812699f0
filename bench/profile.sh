#!/usr/bin/env bash
# Profiles one row of the benchmarks and prints where its time goes.
#
#   bench/profile.sh Gin actual-allowed            corskit's row (the default impl)
#   bench/profile.sh Chi preflight-allowed rs-cors  a peer's row, to compare
#
# Writes results/profiles/<Framework>-<scenario>-<impl>.{cpu,mem} and prints
# `go tool pprof -top` of the CPU profile, then the allocation sites.
# BENCH_TIME sets -benchtime (default 3s).
set -euo pipefail
cd "$(dirname "$0")"
fw=${1:?framework: Gin, Echo, Fiber or Chi}
scenario=${2:?scenario, e.g. actual-allowed}
impl=${3:-corskit}
benchtime=${BENCH_TIME:-3s}
out=results/profiles
mkdir -p "$out"
base="$out/$fw-$scenario-$impl"
go test -c -o "$base.test" .
pattern="^Benchmark$fw/scenario=$scenario/impl=$impl\$"
"$base.test" -test.run '^$' -test.bench "$pattern" -test.benchtime "$benchtime" \
	-test.cpuprofile "$base.cpu" | grep -E '^Benchmark|FAIL'
# A second, short run records every allocation; it would skew the CPU profile.
"$base.test" -test.run '^$' -test.bench "$pattern" -test.benchtime 20000x \
	-test.memprofile "$base.mem" -test.memprofilerate 1 >/dev/null
go tool pprof -top -nodecount 40 "$base.test" "$base.cpu" 2>/dev/null
echo
echo "== allocation sites (alloc_space)"
go tool pprof -sample_index=alloc_space -top -nodecount 15 "$base.test" "$base.mem" 2>/dev/null | sed -n '/flat%/,$p'
rm -f "$base.test"
