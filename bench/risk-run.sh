#!/usr/bin/env bash
# The risk service's annual run and its lists, with ROWS schools in the registry (a synthetic GIAS extract) copied by the
# risk service, most with inspections and all with indicators, and York's framework published for every LA:
#  1. RunAssessmentRound over every LA, timed, with the risk service's peak RSS during it; baseline in the same run:
#     every assessment it made read back with ListAssessments (200 a page).
#  2. ListAssessments (an LA's category 1, 50 a page) at CLIENTS x STREAMS in flight: p50/p99, in its default view (BASIC:
#     no criteria or fired rules) and in the FULL view; baseline in the same run: GetFramework (one row) under the same load.
# See README.md. Knobs (environment): ROWS CLIENTS STREAMS WARMUP DURATION SERVER_CPU PG_CPU RISK_CPU CLIENT_CPU KEEP
set -euo pipefail

ROWS=${ROWS:-50000}            # schools in the GIAS extract
CLIENTS=${CLIENTS:-4}          # h2load connections, each its own LA
STREAMS=${STREAMS:-4}          # calls in flight per connection
WARMUP=${WARMUP:-5}            # seconds of load before each measured run
DURATION=${DURATION:-10}       # seconds of each measured run
SERVER_CPU=${SERVER_CPU:-0}    # the registry (idle once copied)
PG_CPU=${PG_CPU:-$SERVER_CPU}  # PostgreSQL (the registry's and the risk service's databases)
RISK_CPU=${RISK_CPU:-$SERVER_CPU}  # the risk service: the server side is one CPU, as in registry.sh
CLIENT_CPU=${CLIENT_CPU:-1}    # h2load and the bench's clients
KEEP=${KEEP:-0}                # 1: after the lists, keep the stack up for experiments until $work/done exists

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll
risk_dll=$root/services/Risk/Sia.Risk/bin/Release/net10.0/Sia.Risk.dll
bench_dll=$root/bench/Sia.Bench.Registry/bin/Release/net10.0/Sia.Bench.Registry.dll
risk_bench_dll=$root/bench/Sia.Bench.Risk/bin/Release/net10.0/Sia.Bench.Risk.dll
work=$(mktemp -d -p /dev/shm sia-risk-bench.XXXXXX 2>/dev/null || mktemp -d)
bench_name=risk-run
source "$root/bench/lib.sh"
pg_pid= registry_pid= risk_pid= sampler_pid=

cleanup() {
    stop "$sampler_pid"
    stop "$risk_pid"
    stop "$registry_pid"
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in taskset dotnet h2load /usr/bin/python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done
((ROWS >= 1000 && ROWS <= 900000)) || die "ROWS must be 1000-900000"
((CLIENTS >= 1 && CLIENTS <= 20)) || die "CLIENTS must be 1-20"
for project in services/Registry/Sia.Registry services/Risk/Sia.Risk bench/Sia.Bench.Registry bench/Sia.Bench.Risk; do
    echo "building $project (Release)..."
    dotnet build -c Release -nologo -v q "$root/$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build of $project failed"; }
done

# The schools: as readmodel.sh, a GIAS import into the registry, which the risk service copies from its change stream.
registry_with_gias

risk_db=$(dotnet "$bench_dll" database "$registry_db" risk_bench | sed -n 's/^connection //p')
risk_port=$(free_port)
echo "starting the risk service (cpu $RISK_CPU, port $risk_port) and waiting for its copy of the registry ($changes changes)..."
(cd "$(dirname "$risk_dll")" && ConnectionStrings__riskdb="$risk_db" Risk__Registry__Address="$url" Urls=http://127.0.0.1:$risk_port \
    DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$RISK_CPU" dotnet "$risk_dll") >"$work/risk.out" 2>&1 3>&- &
risk_pid=$!
dotnet "$bench_dll" wait-applied "$risk_db" "$changes" >/dev/null 3>&- || { tail -20 "$work/risk.out" >&2; die "the risk service did not catch up"; }
risk_url=http://127.0.0.1:$risk_port
load_url=$risk_url
wait_for "$work/risk.out" 'Now listening on' "$risk_pid" "the risk service"
echo "inspections, indicators and frameworks..."
taskset -c "$CLIENT_CPU" dotnet "$risk_bench_dll" setup "$risk_url" "$risk_db" 3>&- | tee "$work/setup.out"

kib() { awk -v f="$2" '$1 == f":" { print $2 }' "/proc/$1/status"; }  # pid VmRSS|VmHWM -> KiB

# 1. The round. VmHWM is reset first (clear_refs 5), so that it is the peak during the round, not the copy's catch-up;
# VmRSS is sampled every 0.1 s as well.
echo "== RunAssessmentRound over every LA"
idle_rss=$(kib "$risk_pid" VmRSS)
echo 5 >"/proc/$risk_pid/clear_refs" 2>/dev/null && hwm_reset=1 || hwm_reset=0
(while kill -0 "$risk_pid" 2>/dev/null; do kib "$risk_pid" VmRSS; sleep 0.1; done) >"$work/rss" 2>/dev/null 3>&- &
sampler_pid=$!
taskset -c "$CLIENT_CPU" dotnet "$risk_bench_dll" round "$risk_url" 3>&- >"$work/round.out" || { tail -20 "$work/risk.out" >&2; die "the round failed"; }
peak_rss=$(kib "$risk_pid" VmHWM)
stop "$sampler_pid"
sampler_pid=
sampled_rss=$(sort -n "$work/rss" | tail -1)
cat "$work/round.out"
echo "== baseline: every assessment read back with ListAssessments"
taskset -c "$CLIENT_CPU" dotnet "$risk_bench_dll" scan "$risk_url" 3>&- >"$work/scan.out" || die "the scan failed"
cat "$work/scan.out"
dotnet "$bench_dll" analyze "$risk_db" 3>&- >/dev/null

# 2. Lists under load: one h2load per connection, each sending its own request (another LA).
dotnet "$risk_bench_dll" requests "$work/requests" "$risk_db" "$CLIENTS" 3>&-
check() { dotnet "$risk_bench_dll" check "$risk_url" "$1" "$work"/requests/"$1"-*.bin 3>&-; }
status=0
bench_call get /sia.risk.v1.FrameworkService/GetFramework GetFramework || { echo "== GetFramework FAILED" >&2; status=1; }
bench_call list /sia.risk.v1.AssessmentService/ListAssessments ListAssessments || { echo "== ListAssessments FAILED" >&2; status=1; }
bench_call listfull /sia.risk.v1.AssessmentService/ListAssessments ListAssessmentsFull || { echo "== ListAssessments (FULL) FAILED" >&2; status=1; }
if [[ $KEEP == 1 ]]; then
    echo "KEEP=1: risk service $risk_url (pid $risk_pid), its database $risk_db, requests in $work/requests;"
    echo "        touch $work/done to stop and clean up"
    while [[ ! -e $work/done ]]; do sleep 1; done
fi
stop "$risk_pid"
risk_pid=
log_errors "$work/risk.out" "risk service" $((6 * CLIENTS * (STREAMS + 1))) || status=1
stop "$registry_pid"
registry_pid=
log_errors "$work/registry.out" registry 0 || status=1

echo
grep '^setup:' "$work/setup.out" | sed 's/^setup: /  /'
echo "  risk service on cpu $RISK_CPU, PostgreSQL on cpu $PG_CPU, registry on cpu $SERVER_CPU, clients on cpu $CLIENT_CPU; lists: h2load, $CLIENTS connections x $STREAMS streams, ${DURATION}s after ${WARMUP}s warm-up"
/usr/bin/python3 - "$work/round.out" "$work/scan.out" "$work/results" "$ROWS" "$idle_rss" "$peak_rss" "$sampled_rss" "$hwm_reset" "$((CLIENTS * STREAMS))" <<'EOF'
import os, sys
round_out, scan_out, results, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
idle, peak, sampled, reset, in_flight = int(sys.argv[5]) / 1024, int(sys.argv[6]) / 1024, int(sys.argv[7]) / 1024, sys.argv[8] == "1", int(sys.argv[9])
_, seconds, created, already, not_open, without = open(round_out).read().split()
seconds, created = float(seconds), int(created)
_, scan_seconds, scanned = open(scan_out).read().split()
scan_seconds = float(scan_seconds)
print(f"RunAssessmentRound over every LA ({rows:,} schools in the copy):")
print(f"  {seconds:7.2f} s   {created:,} drafts created ({created / seconds:,.0f}/s); {int(already):,} already assessed, {int(not_open):,} not open, {int(without):,} without a framework")
print(f"  baseline, the {int(scanned):,} assessments read back with ListAssessments (200 a page): {scan_seconds:.2f} s; run/baseline {seconds / scan_seconds:.1f}x")
print(f"  risk service RSS: {idle:.0f} MB before, peak {peak:.0f} MB during the round ({'VmHWM reset before it' if reset else 'VmHWM since start: clear_refs refused'}; sampled VmRSS max {sampled:.0f} MB)")
calls = {r[0]: r for r in (line.split() for line in open(results))} if os.path.exists(results) else {}
print(f"calls at {in_flight} in flight:")
print(f"  {'call':<52}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
describe = {"GetFramework": "GetFramework (baseline: one row)", "ListAssessments": "ListAssessments (50 a page, LA + category 1)",
            "ListAssessmentsFull": "  the same, view FULL (criteria and fired rules)"}
for label, rps, p50, p99 in calls.values():
    print(f"  {describe[label]:<52}{float(rps):>8.0f}{p50:>9}{p99:>9}")
for label in ("ListAssessments", "ListAssessmentsFull"):
    if "GetFramework" in calls and label in calls:
        g, l = calls["GetFramework"], calls[label]
        print(f"  {label + ' / GetFramework:':<35}p50 {float(l[2]) / float(g[2]):.1f}x, p99 {float(l[3]) / float(g[3]):.1f}x, req/s {float(l[1]) / float(g[1]):.2f}x")
print("targets:")
def target(what, value, limit, unit, measured=True):
    shown = "not measured" if value is None or not measured else f"{value:.1f} {unit}"
    verdict = "" if value is None or not measured else ("met" if value < limit else "MISSED")
    print(f"  {what:<52}{shown:>12}   {verdict}")
full = rows >= 50000
target("annual run over 50,000 schools < 60 s", seconds, 60, "s", full)
target("peak RSS during the run < 400 MB", peak, 400, "MB", full)
target(f"ListAssessments p99 < 20 ms at 16 in flight", float(calls["ListAssessments"][3]) if "ListAssessments" in calls else None, 20, "ms", full and in_flight == 16)
if not full: print(f"  (the targets are for 50,000 schools; this run had {rows:,})")
EOF
exit $status
