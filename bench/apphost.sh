#!/usr/bin/env bash
# Start-up of the whole stack and its idle memory, the way a developer runs it: `dotnet run --project AppHost --no-build`
# (the build already done) until the AppHost prints "every resource is healthy": once cold (a new PostgreSQL data
# directory, so initdb runs) and ROUNDS times warm (the data kept). Then, with the stack idle for IDLE seconds, the RSS
# of each process. Baseline, same script: a second registry started by hand (dotnet Sia.Registry.dll) on the running
# stack's PostgreSQL until its /health answers 200: one service's own start-up, which the stack's time is a multiple of.
# Targets (issue 4): everything healthy in under 20 s; each process under 200 MB idle. See README.md.
# Knobs (environment): ROUNDS IDLE.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
IDLE=${IDLE:-15}

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=$root/services/Registry/Sia.Registry/bin/Debug/net10.0/Sia.Registry.dll
work=$(mktemp -d)
chmod 755 "$work"  # PostgreSQL runs as the postgres user when we are root: it must reach its data
bench_name=apphost
source "$root/bench/lib.sh"
apphost_pid= baseline_pid=

cleanup() {
    stop "$baseline_pid"
    stop "$(apphost_process)" 30
    stop "$apphost_pid" 30
    rm -rf "$work"
}
trap cleanup EXIT

echo "building (Debug, as dotnet run does)..."
dotnet build "$root/AppHost" -nologo -v:q -clp:ErrorsOnly >/dev/null || die "the build failed"

now() { date +%s.%N; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
apphost_process() { pgrep -f "^$root/AppHost/bin/Debug/net10.0/Sia.AppHost" | head -1; }

# Starts the stack with state in $work/state and ports of its own; sets apphost_pid and elapsed (seconds to healthy).
start_stack() {
    : >"$work/apphost.out"
    local started; started=$(now)
    AppHost__StateDirectory="$work/state" AppHost__RandomizePorts=true \
        dotnet run --project "$root/AppHost" --no-build >"$work/apphost.out" 2>&1 &
    apphost_pid=$!
    for _ in $(seq 1200); do
        grep -q "every resource is healthy" "$work/apphost.out" && break
        kill -0 "$apphost_pid" 2>/dev/null || { cat "$work/apphost.out" >&2; die "the AppHost exited"; }
        sleep 0.05
    done
    grep -q "every resource is healthy" "$work/apphost.out" || { cat "$work/apphost.out" >&2; die "not healthy within 60 s"; }
    elapsed=$(echo "$(now) - $started" | bc -l)
}

# SIGTERM to the AppHost (as Ctrl+C in a terminal); sets elapsed: seconds until it and everything it started are gone.
stop_stack() {
    local pids; pids="$(apphost_process) $(sed -n 's/.*: Starting (pid \([0-9]*\)).*/\1/p' "$work/apphost.out" | tr '\n' ' ') $(head -1 "$work/state/postgres/data/postmaster.pid")"
    local stopped; stopped=$(now)
    kill -TERM "$(apphost_process)"
    wait "$apphost_pid" 2>/dev/null || true
    apphost_pid=
    for pid in $pids; do
        for _ in $(seq 300); do [[ -d /proc/$pid ]] || break; sleep 0.05; done
        [[ -d /proc/$pid ]] && die "process $pid outlived the AppHost"
    done
    elapsed=$(echo "$(now) - $stopped" | bc -l)
}

start_stack; cold=$elapsed
stop_stack; cold_stop=$elapsed
warm=()
for round in $(seq "$ROUNDS"); do
    start_stack; warm+=("$elapsed")
    [[ $round == "$ROUNDS" ]] || stop_stack
done

echo "stack up; idle for $IDLE s..."
sleep "$IDLE"
registry_pid=$(sed -n 's/^apphost *| registry: Starting (pid \([0-9]*\)).*/\1/p' "$work/apphost.out" | tail -1)
gateway_pid=$(sed -n 's/^apphost *| gateway: Starting (pid \([0-9]*\)).*/\1/p' "$work/apphost.out" | tail -1)
postmaster_pid=$(head -1 "$work/state/postgres/data/postmaster.pid")
rss_apphost=$(rss_mb "$(apphost_process)") rss_registry=$(rss_mb "$registry_pid") rss_gateway=$(rss_mb "$gateway_pid")
rss_postmaster=$(rss_mb "$postmaster_pid")
postgres_total=0
for pid in $postmaster_pid $(pgrep -P "$postmaster_pid"); do postgres_total=$((postgres_total + $(rss_mb "$pid"))); done

# Baseline: one more registry on the stack's database, started by hand.
pg_port=$(sed -n '4p' "$work/state/postgres/data/postmaster.pid")
password=$(cat "$work/state/postgres/password")
port=$(free_port)
started=$(now)
ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__registrydb="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$password;Database=registrydb" \
    dotnet "$registry_dll" >"$work/baseline.out" 2>&1 &
baseline_pid=$!
until curl -sf --http2-prior-knowledge "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$baseline_pid" 2>/dev/null || { cat "$work/baseline.out" >&2; die "the baseline registry exited"; }
    sleep 0.05
done
baseline=$(echo "$(now) - $started" | bc -l)
stop "$baseline_pid"; baseline_pid=

stop_stack; warm_stop=$elapsed
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
warm_median=$(median "${warm[@]}")

echo
printf 'start-up to every resource healthy (dotnet run --project AppHost --no-build):\n'
printf '  cold (initdb)        %5.1f s\n' "$cold"
printf '  warm (median of %d)   %5.1f s   (runs: %s)\n' "$ROUNDS" "$warm_median" "$(printf '%.1f ' "${warm[@]}")"
printf '  baseline: one registry by hand to /health 200: %.1f s; warm stack / baseline = %.1fx\n' "$baseline" "$(echo "$warm_median / $baseline" | bc -l)"
printf '  target under 20 s: %s\n' "$(echo "$cold < 20 && $warm_median < 20" | bc -l | sed 's/1/met/;s/0/MISSED/')"
printf 'stop on SIGTERM, everything gone: cold %.1f s, warm %.1f s\n' "$cold_stop" "$warm_stop"
printf 'idle RSS after %d s (target under 200 MB each):\n' "$IDLE"
printf '  apphost   %4d MB\n  registry  %4d MB\n  gateway   %4d MB\n  postgres  %4d MB (postmaster %d MB + backends)\n' \
    "$rss_apphost" "$rss_registry" "$rss_gateway" "$postgres_total" "$rss_postmaster"
