#!/usr/bin/env bash
# Schools registry benchmark (services/Registry/Sia.Registry on a throwaway PostgreSQL):
#   1. import a synthetic 50,000-row GIAS extract with `import-gias` into an empty registry, then again (all unchanged):
#      seconds, rows/s, and the registry's peak RSS (VmHWM, and VmRSS sampled every 0.1 s);
#   2. with those schools loaded (and ANALYZEd), GetSchool and ListSchools (page of 50, filtered by LA and phase) under
#      h2load at a fixed concurrency, after a warm-up: req/s, p50, p99;
# then prints the issue's targets and whether each was met. See README.md.
# Knobs (environment): ROWS CLIENTS STREAMS WARMUP DURATION SERVER_CPU PG_CPU CLIENT_CPU REGISTRY_DLL CONNECTION_EXTRA
# RESULTS. registry-compare.sh runs this script on two builds, alternately, and prints the ratios.
set -euo pipefail

ROWS=${ROWS:-50000}            # rows in the GIAS extract (all valid; 2,000 or more, so every LA fills a page of primaries)
CLIENTS=${CLIENTS:-4}          # h2load connections, one h2load per connection, each with its own school / LA (1-20)
STREAMS=${STREAMS:-4}          # concurrent streams per connection: CLIENTS x STREAMS calls in flight
WARMUP=${WARMUP:-5}            # seconds of unmeasured load per call first (JIT tiering, pools, PostgreSQL's caches)
DURATION=${DURATION:-10}       # seconds measured per call
SERVER_CPU=${SERVER_CPU:-0}    # the registry
PG_CPU=${PG_CPU:-$SERVER_CPU}  # PostgreSQL: with the registry by default, so the server side is one CPU
CLIENT_CPU=${CLIENT_CPU:-1}    # import-gias and h2load
REGISTRY_DLL=${REGISTRY_DLL:-} # another build of Sia.Registry.dll to measure (default: build the repo's, Release)
CONNECTION_EXTRA=${CONNECTION_EXTRA:-}  # appended to the registry's Npgsql connection string, e.g. "Max Auto Prepare=20"
RESULTS=${RESULTS:-}           # a file to append the figures to, one "name value..." a line (for registry-compare.sh)

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=${REGISTRY_DLL:-$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll}
bench_dll=$root/bench/Sia.Bench.Registry/bin/Release/net10.0/Sia.Bench.Registry.dll
service=/sia.registry.v1.SchoolService
# tmpfs if there is one: the extract (~70 MB) and h2load's per-request logs.
work=$(mktemp -d -p /dev/shm sia-registry-bench.XXXXXX 2>/dev/null || mktemp -d)
bench_name=registry
source "$root/bench/lib.sh"
pg_pid= registry_pid= sampler_pid=

cleanup() {
    stop "$sampler_pid" 1
    stop "$registry_pid"
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in h2load taskset dotnet /usr/bin/python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is missing (h2load: apt-get install -y nghttp2-client)"
done
((CLIENTS >= 1 && CLIENTS <= 20)) || die "CLIENTS must be 1-20"
((ROWS >= 2000 && ROWS <= 900000)) || die "ROWS must be 2000-900000"

[[ -z $REGISTRY_DLL ]] || [[ -f $REGISTRY_DLL ]] || die "no file at REGISTRY_DLL=$REGISTRY_DLL"
projects=(bench/Sia.Bench.Registry)
[[ -n $REGISTRY_DLL ]] || projects=(services/Registry/Sia.Registry "${projects[@]}")
for project in "${projects[@]}"; do
    echo "building $project (Release)..."
    dotnet build -c Release -nologo -v q "$root/$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build of $project failed"; }
done

kib() { awk -v f="$2" '$1 == f":" { print $2 }' "/proc/$1/status"; }  # pid VmRSS|VmHWM -> KiB

echo "generating a $ROWS-row GIAS extract..."
dotnet "$bench_dll" generate "$work/gias.csv" "$ROWS"
dotnet "$bench_dll" requests "$work/requests" "$ROWS" "$CLIENTS"

start_postgres "$bench_dll" "$PG_CPU"

port=$(free_port)
echo "starting the registry (cpu $SERVER_CPU, port $port)..."
# From its output directory, as deployed: the content root is the working directory, and without its appsettings.json
# the endpoint would speak only HTTP/1.1 and EF Core would log every SQL command.
# Pinned to one CPU, .NET would delay tiered compilation tenfold (see README.md).
(cd "$(dirname "$registry_dll")" && ConnectionStrings__registrydb="$connection${CONNECTION_EXTRA:+;$CONNECTION_EXTRA}" Urls=http://127.0.0.1:$port \
    DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$SERVER_CPU" dotnet "$registry_dll") >"$work/registry.out" 2>&1 3>&- &
registry_pid=$!
wait_for "$work/registry.out" 'Now listening on' "$registry_pid" "the registry"
url=http://127.0.0.1:$port
load_url=$url
idle_rss=$(kib "$registry_pid" VmRSS)

# 1. Import into the empty registry (every school created), then the same file again (every school unchanged: the
#    daily case, as GIAS publishes the whole extract every day), sampling the registry's RSS every 0.1 s.
import_extract() { # label expected-summary-line: appends "label seconds sampled-peak-KiB client-peak-KiB" to $work/imports
    local start end
    echo "importing ($1)..."
    (while :; do kib "$registry_pid" VmRSS; sleep 0.1; done >"$work/rss" 2>/dev/null) 3>&- &
    sampler_pid=$!
    start=$(date +%s.%N)
    taskset -c "$CLIENT_CPU" /usr/bin/time -f %M -o "$work/import.time" \
        dotnet "$registry_dll" import-gias "$work/gias.csv" --registry "$url" >"$work/import.out" 2>&1 3>&- \
        || { tail -5 "$work/import.out" >&2; die "import-gias failed"; }
    end=$(date +%s.%N)
    stop "$sampler_pid" 1
    sampler_pid=
    # The summary line (import-gias of the grpc-dotnet builds prints its progress before it).
    grep -m1 '^created ' "$work/import.out" || true
    grep -qx "$2" "$work/import.out" || { head -20 "$work/import.out" >&2; die "expected '$2'"; }
    echo "$1 $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }') $(sort -n "$work/rss" | tail -1)" \
        "$(tail -1 "$work/import.time")" >>"$work/imports"
}
import_extract new "created $ROWS, updated 0, unchanged 0, rejected 0"
import_extract unchanged "created 0, updated 0, unchanged $ROWS, rejected 0"
peak_rss=$(kib "$registry_pid" VmHWM)
# Autovacuum analyzes a freshly loaded table within about a minute; until then the planner has no statistics for it
# and ListSchools costs PostgreSQL several times more. The reads measure the steady state.
dotnet "$bench_dll" analyze "$connection" 3>&-

# 2. Reads: one h2load per connection, each sending its own request (another school, another LA).
check() { # method: calls every request of the method once with a typed client and checks the answers
    dotnet "$bench_dll" check "$url" "$1" "$work"/requests/"$1"-*.bin 3>&-
}

status=0
bench_call get "$service/GetSchool" GetSchool || { echo "== GetSchool FAILED" >&2; status=1; }
bench_call list "$service/ListSchools" ListSchools || { echo "== ListSchools FAILED" >&2; status=1; }
# Calls cut off when a timed h2load run ends are not errors: at most the calls in flight at the end of each of the four.
log_errors "$work/registry.out" registry $((4 * CLIENTS * (STREAMS + 1))) || status=1

echo
echo "import: $ROWS-row GIAS extract ($(($(stat -c %s "$work/gias.csv") / 1000000)) MB) with import-gias"
/usr/bin/python3 - "$work/imports" "$ROWS" "$idle_rss" "$peak_rss" <<'EOF'
import sys
imports, rows, idle, peak = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) / 1024, int(sys.argv[4]) / 1024
describe = {"new": "into the empty registry (all created)", "unchanged": "the same file again (all unchanged)"}
for label, seconds, sampled, client in (line.split() for line in open(imports)):
    print(f"  {describe[label]:<42}{float(seconds):>6.1f} s{rows / float(seconds):>7.0f} rows/s   registry VmRSS max"
          f" {int(sampled) / 1024:.0f} MB, import-gias {int(client) / 1024:.0f} MB")
print(f"  registry RSS: {idle:.0f} MB idle before, {peak:.0f} MB peak (VmHWM after both)")
EOF
echo "reads with $ROWS schools loaded: h2load, $CLIENTS connections x $STREAMS streams (each connection its own school / LA)," \
    "${DURATION}s after ${WARMUP}s warm-up; registry on cpu $SERVER_CPU, PostgreSQL on cpu $PG_CPU, clients on cpu $CLIENT_CPU"
/usr/bin/python3 - "$work/results" "$ROWS" "$work/imports" "$peak_rss" "$RESULTS" <<'EOF'
import os, sys
results, rows, imports, peak, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]) / 1024, sys.argv[5]
seconds = {r[0]: float(r[1]) for r in (line.split() for line in open(imports))}
calls = {r[0]: r for r in (line.split() for line in open(results))} if os.path.exists(results) else {}
if out:
    with open(out, "a") as f:
        for label, rps, p50, p99 in calls.values(): print(label, rps, p50, p99, file=f)
        for label, value in seconds.items(): print(f"import-{label}", value, file=f)
        print("peak-rss", f"{peak:.0f}", file=f)
print(f"  {'call':<42}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
describe = {"GetSchool": "GetSchool", "ListSchools": "ListSchools (50 a page, LA + phase)"}
for label, rps, p50, p99 in calls.values():
    print(f"  {describe[label]:<42}{float(rps):>8.0f}{p50:>9}{p99:>9}")
print("targets:")
def target(what, value, limit, unit):
    shown = "not measured" if value is None else f"{value:.1f} {unit}"
    verdict = "" if value is None else ("met" if value < limit else "MISSED")
    print(f"  {what:<42}{shown:>10}   {verdict}")
target("ListSchools p99 < 20 ms", float(calls["ListSchools"][3]) if "ListSchools" in calls else None, 20, "ms")
if rows == 50000:
    target("import of 50,000 rows < 60 s: new", seconds["new"], 60, "s")
    target("import of 50,000 rows < 60 s: unchanged", seconds["unchanged"], 60, "s")
    target("import peak RSS < 400 MB", peak, 400, "MB")
else:
    print(f"  (the import targets are for 50,000 rows; this run imported {rows})")
EOF
exit $status
