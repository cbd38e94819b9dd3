#!/usr/bin/env bash
# The risk service's read model of the registry: how long it takes to catch up on ROWS registry changes (a GIAS import of
# ROWS schools into an empty registry) from an empty copy, and its peak RSS meanwhile; against the baseline, the same
# change stream read by a bare client that applies nothing, in the same run. See README.md.
# Knobs (environment): ROWS ROUNDS SERVER_CPU PG_CPU RISK_CPU
set -euo pipefail

ROWS=${ROWS:-50000}            # schools in the GIAS extract: one change each, and one per local authority (20)
ROUNDS=${ROUNDS:-2}            # baseline then catch-up, each round on a fresh copy; the medians are reported
SERVER_CPU=${SERVER_CPU:-0}    # the registry
PG_CPU=${PG_CPU:-$SERVER_CPU}  # PostgreSQL (the registry's and the risk service's databases)
RISK_CPU=${RISK_CPU:-1}        # the risk service, and the baseline's client

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll
risk_dll=$root/services/Risk/Sia.Risk/bin/Release/net10.0/Sia.Risk.dll
bench_dll=$root/bench/Sia.Bench.Registry/bin/Release/net10.0/Sia.Bench.Registry.dll
work=$(mktemp -d -p /dev/shm sia-readmodel-bench.XXXXXX 2>/dev/null || mktemp -d)
bench_name=readmodel
source "$root/bench/lib.sh"
pg_pid= registry_pid= risk_pid=

cleanup() {
    stop "$risk_pid"
    stop "$registry_pid"
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in taskset dotnet /usr/bin/python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done
((ROWS >= 1000 && ROWS <= 900000)) || die "ROWS must be 1000-900000"
((ROUNDS >= 1 && ROUNDS <= 9)) || die "ROUNDS must be 1-9"
for project in services/Registry/Sia.Registry services/Risk/Sia.Risk bench/Sia.Bench.Registry; do
    echo "building $project (Release)..."
    dotnet build -c Release -nologo -v q "$root/$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build of $project failed"; }
done

registry_with_gias
echo "the registry's change log: $changes changes"

kib() { awk -v f="$2" '$1 == f":" { print $2 }' "/proc/$1/status"; }  # pid VmRSS|VmHWM -> KiB

for ((round = 1; round <= ROUNDS; round++)); do
    echo "== round $round: baseline (the stream read, nothing applied)"
    drained=$(taskset -c "$RISK_CPU" dotnet "$bench_dll" drain "$url" "$changes" 3>&- | sed -n 's/^drained [0-9]* //p')
    [[ -n $drained ]] || die "the baseline read no changes"
    echo "   $drained s"

    echo "== round $round: the risk service from an empty copy"
    risk_db=$(dotnet "$bench_dll" database "$registry_db" "risk_bench_$round" | sed -n 's/^connection //p')
    risk_port=$(free_port)
    start=$(date +%s.%N)
    (cd "$(dirname "$risk_dll")" && ConnectionStrings__riskdb="$risk_db" Risk__Registry__Address="$url" Urls=http://127.0.0.1:$risk_port \
        DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$RISK_CPU" dotnet "$risk_dll") >"$work/risk-$round.out" 2>&1 3>&- &
    risk_pid=$!
    dotnet "$bench_dll" wait-applied "$risk_db" "$changes" >"$work/applied-$round.out" 3>&- || { cat "$work/risk-$round.out" >&2; die "the risk service did not catch up"; }
    peak=$(kib "$risk_pid" VmHWM)
    stop "$risk_pid"
    risk_pid=
    log_errors "$work/risk-$round.out" "risk service (round $round)" 0 || die "the risk service logged errors"
    first=$(sed -n 's/^first //p' "$work/applied-$round.out")
    caught=$(sed -n 's/^caught-up //p' "$work/applied-$round.out")
    echo "$drained $start $first $caught $peak" >>"$work/results"
    awk -v s="$start" -v f="$first" -v c="$caught" -v p="$peak" \
        'BEGIN { printf "   %.2f s from launch (start-up to the first batch %.2f s, then %.2f s), peak RSS %.0f MB\n", c - s, f - s, c - f, p / 1024 }'
done
stop "$registry_pid"
registry_pid=
log_errors "$work/registry.out" "registry" 0 || die "the registry logged errors"

/usr/bin/python3 - "$work/results" "$changes" <<'PYEOF'
import statistics, sys
rows = [[float(x) for x in line.split()] for line in open(sys.argv[1])]
changes = int(sys.argv[2])
median = lambda xs: statistics.median(xs)
drain = median([r[0] for r in rows])
total = median([r[3] - r[1] for r in rows])
startup = median([r[2] - r[1] for r in rows])
following = median([r[3] - r[2] for r in rows])
peak = max(r[4] for r in rows) / 1024
print(f"\n{changes:,} registry changes, medians of {len(rows)} rounds:")
print(f"  baseline (the stream read, nothing applied)   {drain:7.2f} s   {changes / drain:9,.0f} changes/s")
print(f"  risk service, launch to caught up             {total:7.2f} s   ({startup:.2f} s start-up and migration to the first batch, then {following:.2f} s)")
print(f"  risk service, first batch to caught up         {following:7.2f} s   {changes / following:9,.0f} changes/s, {following / drain:.2f}x the baseline")
print(f"  risk service peak RSS                          {peak:7.0f} MB")
print(f"\ntarget: catch up on 50,000 changes in under 30 s (launch to caught up, {changes:,} changes here): {'met' if total < 30 and changes >= 50000 else ('MISSED' if total >= 30 else 'not measured: fewer than 50,000 changes')}")
PYEOF
