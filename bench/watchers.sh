#!/usr/bin/env bash
# WatchChanges at rest: WATCHERS idle WatchChanges streams held open on the registry for DURATION seconds, and the
# CPU-seconds the registry and PostgreSQL use meanwhile; then ROUNDS new changes, each timed until every stream has it.
# With OLD_DLL (another build of Sia.Registry.dll), the same for that build in the same run, and the ratios. See README.md.
# Knobs (environment): WATCHERS DURATION WARMUP ROUNDS SERVER_CPU PG_CPU CLIENT_CPU OLD_DLL
set -euo pipefail

WATCHERS=${WATCHERS:-300}      # streams held open (the issue's figure: 300 from one partner)
DURATION=${DURATION:-30}       # seconds measured with every stream idle
WARMUP=${WARMUP:-5}            # seconds idle before measuring (JIT tiering, the streams' first reads)
ROUNDS=${ROUNDS:-5}            # changes made after the idle interval, each timed until every stream has it (at most 99)
SERVER_CPU=${SERVER_CPU:-0}    # the registry
PG_CPU=${PG_CPU:-$SERVER_CPU}  # PostgreSQL
CLIENT_CPU=${CLIENT_CPU:-1}    # the streams' client
OLD_DLL=${OLD_DLL:-}           # another build of Sia.Registry.dll to measure after this repo's (Release)

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll
bench_dll=$root/bench/Sia.Bench.Registry/bin/Release/net10.0/Sia.Bench.Registry.dll
work=$(mktemp -d -p /dev/shm sia-watchers-bench.XXXXXX 2>/dev/null || mktemp -d)
bench_name=watchers
source "$root/bench/lib.sh"
pg_pid= registry_pid= watch_pid=

cleanup() {
    { exec 4>&-; } 2>/dev/null || true
    stop "$watch_pid"
    stop "$registry_pid"
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in taskset dotnet ss; do command -v "$tool" >/dev/null || die "$tool is missing"; done
((ROUNDS >= 1 && ROUNDS <= 99)) || die "ROUNDS must be 1-99"
[[ -z $OLD_DLL ]] || [[ -f $OLD_DLL ]] || die "no file at OLD_DLL=$OLD_DLL"
for project in services/Registry/Sia.Registry bench/Sia.Bench.Registry; do
    echo "building $project (Release)..."
    dotnet build -c Release -nologo -v q "$root/$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build of $project failed"; }
done

ticks=$(getconf CLK_TCK)
# CPU time in ticks: a process's own (utime + stime), and with its reaped children's (cutime + cstime) for the postmaster,
# whose backends come and go. Fields after the command name, which is in parentheses and may hold spaces.
own_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
tree_ticks() { # postmaster pid: it, its reaped children, and its live children
    local total
    total=$(awk '{ sub(/.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat")
    for child in $(pgrep -P "$1"); do total=$((total + $(own_ticks "$child" 2>/dev/null || echo 0))); done
    echo "$total"
}

measure() { # label dll: appends "label registry-cpu-s postgres-cpu-s delivered-ms..." to $work/results
    local label=$1 dll=$2 port pg_port postmaster reg0 pg0 reg1 pg1 delivered=()
    rm -f "$work/pg.in"
    start_postgres "$bench_dll" "$PG_CPU"
    pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$connection")
    postmaster=$(ss -ltnpH "sport = :$pg_port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
    [[ -n $postmaster ]] || die "found no postmaster on port $pg_port"

    port=$(free_port)
    echo "== $label: starting the registry (cpu $SERVER_CPU, port $port)..."
    (cd "$(dirname "$dll")" && ConnectionStrings__registrydb="$connection" Urls=http://127.0.0.1:$port \
        DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$SERVER_CPU" dotnet "$dll") >"$work/$label.out" 2>&1 3>&- &
    registry_pid=$!
    wait_for "$work/$label.out" 'Now listening on' "$registry_pid" "the registry ($label)"

    echo "opening $WATCHERS WatchChanges streams..."
    mkfifo "$work/watch.in"
    taskset -c "$CLIENT_CPU" dotnet "$bench_dll" watch "http://127.0.0.1:$port" "$WATCHERS" <"$work/watch.in" >"$work/watch.out" 2>&1 3>&- &
    watch_pid=$!
    exec 4>"$work/watch.in"
    wait_for "$work/watch.out" "^watching $WATCHERS" "$watch_pid" "the streams"
    sleep "$WARMUP"

    echo "measuring $DURATION s with every stream idle..."
    reg0=$(own_ticks "$registry_pid") pg0=$(tree_ticks "$postmaster")
    sleep "$DURATION"
    reg1=$(own_ticks "$registry_pid") pg1=$(tree_ticks "$postmaster")

    for ((round = 1; round <= ROUNDS; round++)); do
        echo change >&4
        for _ in $(seq 600); do
            (($(grep -c '^delivered ' "$work/watch.out") >= round)) && break
            kill -0 "$watch_pid" 2>/dev/null || { cat "$work/watch.out" >&2; die "the streams' client ended"; }
            sleep 0.1
        done
        (($(grep -c '^delivered ' "$work/watch.out") >= round)) || die "change $round did not reach every stream within 60 s"
    done
    mapfile -t delivered < <(sed -n 's/^delivered //p' "$work/watch.out")
    echo stop >&4
    exec 4>&-
    wait "$watch_pid" || { cat "$work/watch.out" >&2; die "the streams' client failed"; }
    watch_pid=
    rm -f "$work/watch.in"
    stop "$registry_pid"
    registry_pid=
    log_errors "$work/$label.out" "registry ($label)" 0 || die "the registry ($label) logged errors"
    stop_postgres
    pg_pid=

    echo "$label $(awk -v t="$ticks" -v a="$reg0" -v b="$reg1" 'BEGIN { printf "%.2f", (b - a) / t }')" \
        "$(awk -v t="$ticks" -v a="$pg0" -v b="$pg1" 'BEGIN { printf "%.2f", (b - a) / t }')" "${delivered[*]}" >>"$work/results"
}

measure new "$registry_dll"
[[ -z $OLD_DLL ]] || measure old "$OLD_DLL"

/usr/bin/python3 - "$work/results" "$WATCHERS" "$DURATION" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, registry, postgres, *delivered = line.split()
    rows[label] = (float(registry), float(postgres), [float(d) for d in delivered])
watchers, duration = sys.argv[2], sys.argv[3]
print(f"\n{watchers} idle WatchChanges streams for {duration} s:")
print(f"{'':5} {'registry CPU s':>15} {'PostgreSQL CPU s':>17} {'together':>9} {'change to every stream, median ms (each)':>42}")
for label, (registry, postgres, delivered) in rows.items():
    each = ", ".join(f"{d:.0f}" for d in delivered)
    print(f"{label:5} {registry:15.2f} {postgres:17.2f} {registry + postgres:9.2f} {statistics.median(delivered):12.1f} ({each})")
if "old" in rows:
    new, old = rows["new"], rows["old"]
    ratio = lambda a, b: f"{a / b:.1f}x" if b > 0 else "n/a (new: 0)"
    print(f"old/new: CPU together {ratio(old[0] + old[1], new[0] + new[1])}, registry {ratio(old[0], new[0])},"
          f" PostgreSQL {ratio(old[1], new[1])}; change delivery median {ratio(statistics.median(old[2]), statistics.median(new[2]))}")
EOF
