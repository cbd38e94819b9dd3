#!/usr/bin/env bash
# The whole stack as a developer runs it, `dotnet run --project AppHost --no-build` (the .NET Aspire AppHost, after one
# build): PostgreSQL from the machine's binaries, the registry, the gateway and the Aspire dashboard, all under DCP.
#   1. start-up, from launch until the AppHost prints "SIA is running." (the gateway healthy, so the registry and its
#      database too): once cold (a new PostgreSQL data directory, so initdb runs), then ROUNDS times warm (the same one);
#   2. stop: SIGTERM to the `dotnet run` process (what Ctrl+C does in a terminal), timed until every process of the stack
#      has gone; after each start;
#   3. with the stack idle for IDLE seconds, the RSS of every process of the stack (the dotnet run wrapper, the AppHost,
#      DCP's apiserver, controllers and process monitors, the dashboard, the registry, the gateway, PostgreSQL's) and the
#      total;
#   4. one more start, then `kill -9` of the AppHost itself: timed until everything it started has gone (DCP watches it);
#   5. baseline, same script: one more registry started by hand on the running stack's PostgreSQL until its /health
#      answers 200 over h2c: one service's own start-up, which the stack's is a multiple of.
# Targets: warm start to every resource healthy under 15 s; stop under 20 s; each process under 200 MB idle.
# The stack uses its usual ports (the gateway's 5100, the dashboard's 15080, OTLP 19080, resource service 20080): nothing
# else may listen there. It runs as root or as a user who may run PostgreSQL. See README.md.
# Knobs (environment): ROUNDS IDLE.
set -euo pipefail

ROUNDS=${ROUNDS:-3}     # warm starts
IDLE=${IDLE:-15}        # seconds the stack stays idle before its memory is read
START_LIMIT=120         # seconds to wait for the banner before giving up
STOP_LIMIT=60           # seconds to wait for a stopped stack's processes to go before killing them (and failing)

root=$(cd "$(dirname "$0")/.." && pwd)
registry_exe=$root/services/Registry/Sia.Registry/bin/Debug/net10.0/Sia.Registry
work=$(mktemp -d)
chmod 755 "$work"  # PostgreSQL runs as the postgres user when we are root: it must reach its data directory
data=$work/pgdata
bench_name=apphost
source "$root/bench/lib.sh"
# Fixed, known values, so that nothing is generated into the AppHost's user secrets and the script can reach PostgreSQL.
password=bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
signing_key=bench-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
ports=(5100 15080 19080 20080)

wrapper_pid= apphost_pid= baseline_pid= sleep_pid= status=0
declare -A tracked=()   # every process of the stack seen: pid -> its start time (so a reused pid is not taken for it)

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l; }
start_time() { { sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f20; } 2>/dev/null || true; }
# Alive: the same process as when it was seen, and not a zombie (an exited child not yet reaped counts as gone).
alive() {
    [[ -n ${tracked[$1]:-} && $(start_time "$1") == "${tracked[$1]}" ]] \
        && [[ $({ sed 's/.*) //' "/proc/$1/stat" | cut -c1; } 2>/dev/null || true) != Z ]]
}
alive_pids() { local pid; for pid in "${!tracked[@]}"; do alive "$pid" && echo "$pid"; done; return 0; }

# Finds the stack's processes and adds them to `tracked`: the dotnet run wrapper, the AppHost (its child), DCP (started
# detached, with `--monitor <AppHost pid>`), every process DCP starts (its descendants; DCP's own processes also carry
# `--monitor <parent pid>`, which finds them if they were reparented), and the postmaster of our data directory with its
# backends.
discover() {
    local -a queue=()
    local pid next
    [[ -n $wrapper_pid ]] && queue+=("$wrapper_pid")
    if [[ -z $apphost_pid && -n $wrapper_pid ]]; then
        apphost_pid=$(pgrep -P "$wrapper_pid" -f 'Sia\.AppHost' | head -1 || true)
    fi
    [[ -n $apphost_pid ]] && queue+=("$apphost_pid")
    # The postmaster of our data directory (not a stale pid file's pid, now another process's).
    pid=$(head -1 "$data/postmaster.pid" 2>/dev/null || true)
    [[ -n $pid ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "-D $data " && queue+=("$pid")
    for pid in "${!tracked[@]}"; do alive "$pid" && queue+=("$pid"); done
    while ((${#queue[@]})); do
        pid=${queue[0]}
        queue=("${queue[@]:1}")
        [[ -d /proc/$pid ]] || continue
        if [[ -n ${tracked[$pid]:-} ]]; then
            [[ $(start_time "$pid") == "${tracked[$pid]}" ]] || continue  # a pid reused by another process
        else
            tracked[$pid]=$(start_time "$pid")
        fi
        for next in $(pgrep -P "$pid"; pgrep -f -- "--monitor $pid( |\$)"); do
            [[ -n ${tracked[$next]:-} ]] || queue+=("$next")
        done
    done
}

# Kills whatever of the stack is left (after a failure, or processes that outlived a stop): SIGKILL, then waits.
kill_leftovers() {
    local pid
    discover
    for pid in $(alive_pids); do kill -9 "$pid" 2>/dev/null || true; done
    for _ in $(seq 50); do [[ -z $(alive_pids) ]] && break; sleep 0.1; done
    [[ -z $wrapper_pid ]] || wait "$wrapper_pid" 2>/dev/null || true
}

cleanup() {
    [[ -z $sleep_pid ]] || kill "$sleep_pid" 2>/dev/null || true
    stop "$baseline_pid" 5
    discover
    if [[ -n $wrapper_pid ]] && alive "$wrapper_pid"; then
        kill -TERM "$wrapper_pid" 2>/dev/null || true
        for _ in $(seq 200); do [[ -z $(alive_pids) ]] && break; sleep 0.1; done
    fi
    kill_leftovers
    [[ -z $(alive_pids) ]] || echo "$bench_name: could not stop $(alive_pids | tr '\n' ' ')" >&2
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in dotnet curl bc pgrep ss /usr/bin/python3; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done

echo "building the AppHost (Debug, as dotnet run does; it builds the registry and the gateway)..."
dotnet build "$root/AppHost" -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "the build failed"; }

ports_free() { # waits up to 10 s for the stack's ports to be free
    local port busy
    for _ in $(seq 100); do
        busy=
        for port in "${ports[@]}"; do ss -Hltn "sport = :$port" | grep -q . && { busy=$port; break; }; done
        [[ -z $busy ]] && return 0
        sleep 0.1
    done
    die "port $busy is taken (another AppHost running?): $(ss -Hltnp "sport = :$busy" | head -1)"
}

# Starts the stack; sets wrapper_pid, apphost_pid and elapsed (seconds until the banner).
start_stack() { # label
    local started
    ports_free
    tracked=() apphost_pid=
    started=$(now)
    (cd "$root" && exec env "Parameters__postgres-password=$password" "Parameters__partner-signing-key=$signing_key" \
        "Postgres__DataDirectory=$data" dotnet run --project "$root/AppHost" --no-build) >"$work/$1.out" 2>&1 &
    wrapper_pid=$!
    for _ in $(seq $((START_LIMIT * 20))); do
        grep -q "SIA is running\." "$work/$1.out" && break
        kill -0 "$wrapper_pid" 2>/dev/null || { cat "$work/$1.out" >&2; die "$1: the AppHost exited before the stack was up"; }
        sleep 0.05
    done
    grep -q "SIA is running\." "$work/$1.out" || { cat "$work/$1.out" >&2; die "$1: no \"SIA is running.\" within $START_LIMIT s"; }
    elapsed=$(since "$started")
    discover
    printf '  %-8s started in %5.1f s (%d processes)\n' "$1" "$elapsed" "$(alive_pids | wc -l)"
}

# Waits until every tracked process has gone; sets elapsed (from $1), and left (what outlived STOP_LIMIT, then killed).
await_gone() { # started what
    left=
    for _ in $(seq $((STOP_LIMIT * 20))); do
        [[ -z $(alive_pids) ]] && break
        sleep 0.05
    done
    elapsed=$(since "$1")
    if [[ -n $(alive_pids) ]]; then
        left=$(describe $(alive_pids) | awk -F'\t' '{ printf "%s%s %s", NR > 1 ? "; " : "", $2, $1 }')
        echo "  $2: still running after $STOP_LIMIT s: $left" >&2
        status=1
        kill_leftovers
    fi
    [[ -z $wrapper_pid ]] || wait "$wrapper_pid" 2>/dev/null || true
    wrapper_pid= apphost_pid=
}

# SIGTERM to dotnet run, as Ctrl+C in a terminal reaches it (a background job of a non-interactive shell ignores SIGINT).
stop_stack() { # label: sets elapsed
    local stopped
    discover
    stopped=$(now)
    kill -TERM "$wrapper_pid"
    await_gone "$stopped" "$1, stop"
    printf '  %-8s stopped in %5.1f s%s\n' "$1" "$elapsed" "${left:+ (then killed: $left)}"
}

describe() { # pid...: "pid name RSS-KiB PSS-KiB" a line, tab-separated, each process named by its part in the stack
    /usr/bin/python3 - "$wrapper_pid" "$apphost_pid" "$@" <<'EOF'
import re, sys
wrapper, apphost, pids = sys.argv[1], sys.argv[2], sys.argv[3:]
def read(pid, name):
    try: return open(f"/proc/{pid}/{name}", "rb").read().decode(errors="replace")
    except OSError: return ""
def cmdline(pid): return read(pid, "cmdline").replace("\0", " ").strip()
def kib(pid, name, key):
    m = re.search(rf"^{key}:\s+(\d+) kB", read(pid, name), re.M)
    return int(m.group(1)) if m else 0
def name(pid, depth=0):
    c = cmdline(pid)
    if pid == wrapper: return "dotnet run (wrapper)"
    if pid == apphost: return "AppHost"
    if "/dcp start-apiserver" in c: return "dcp start-apiserver"
    if "/dcp run-controllers" in c: return "dcp run-controllers"
    if "/dcp monitor-process" in c:
        m = re.search(r"--child (\d+)", c)
        return "dcp monitor-process" + (f" (of {name(m.group(1), depth + 1)})" if m and depth == 0 else "")
    if "Aspire.Dashboard" in c: return "dashboard"
    if "Sia.Registry" in c: return "registry"
    if "Sia.Gateway" in c: return "gateway"
    if "local-postgres.sh" in c: return "local-postgres.sh (sh)"
    if re.search(r"/postgres -D ", c): return "postgres (postmaster)"
    if m := re.match(r"postgres: \S+ (\S+) \S+\(\d+\)", c): return f"postgres: backend ({m.group(1)})"
    if c.startswith("postgres: "): return c
    return c[:60] or f"pid {pid}"
for pid in pids:
    print(pid, name(pid), kib(pid, "status", "VmRSS"), kib(pid, "smaps_rollup", "Pss"), sep="\t")
EOF
}

echo "starts and stops:"
start_stack cold; cold=$elapsed
stop_stack cold; stops=("$elapsed")
warm=()
for round in $(seq "$ROUNDS"); do
    start_stack "warm-$round"; warm+=("$elapsed")
    if ((round == ROUNDS)); then
        echo "  idle for $IDLE s..."
        sleep "$IDLE" & sleep_pid=$!
        wait "$sleep_pid"  # (a signal ends the wait at once, and the script with it)
        sleep_pid=
        discover
        describe $(alive_pids) >"$work/rss"

        # Baseline: one more registry, by hand, on the stack's database, until its /health answers 200 over h2c.
        pg_port=$(sed -n '4p' "$data/postmaster.pid")
        port=$(free_port)
        started=$(now)
        (cd "$(dirname "$registry_exe")" && ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Development \
            ConnectionStrings__registrydb="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$password;Database=registrydb" \
            exec "$registry_exe") >"$work/baseline.out" 2>&1 &
        baseline_pid=$!
        until curl -sf --http2-prior-knowledge "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
            kill -0 "$baseline_pid" 2>/dev/null || { cat "$work/baseline.out" >&2; die "the baseline registry exited"; }
            (($(echo "$(since "$started") < 60" | bc -l))) || die "the baseline registry did not answer /health within 60 s"
            sleep 0.05
        done
        baseline=$(since "$started")
        stop "$baseline_pid"; baseline_pid=
        printf '  baseline: one registry by hand, /health 200 in %.1f s\n' "$baseline"
    fi
    stop_stack "warm-$round"; stops+=("$elapsed")
done

# kill -9 of the AppHost (not the wrapper): DCP, which watches it, should stop everything it started.
start_stack killed
discover
killed_count=$(alive_pids | wc -l)
started=$(now)
kill -9 "$apphost_pid"
await_gone "$started" "kill -9 of the AppHost"
kill_time=$elapsed kill_left=$left
printf '  killed   gone in %5.1f s%s\n' "$kill_time" "${kill_left:+ (then killed: $kill_left)}"

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
max() { printf '%s\n' "$@" | sort -g | tail -1; }
verdict() { [[ $(echo "$1" | bc -l) == 1 ]] && echo met || echo MISSED; }
warm_median=$(median "${warm[@]}")
stop_max=$(max "${stops[@]}")

echo
echo "start-up to \"SIA is running.\" (dotnet run --project AppHost --no-build; PostgreSQL, registry, gateway and dashboard):"
printf '  cold (initdb)            %5.1f s\n' "$cold"
printf '  warm (median of %d)       %5.1f s   (runs: %s)\n' "$ROUNDS" "$warm_median" "$(printf '%.1f ' "${warm[@]}")"
printf '  baseline: one registry by hand to /health 200: %.1f s; warm start / baseline = %.1fx\n' \
    "$baseline" "$(echo "$warm_median / $baseline" | bc -l)"
printf '  target: warm start under 15 s: %s\n' "$(verdict "$warm_median < 15")"
printf 'stop, SIGTERM to dotnet run until every process of the stack has gone: cold %.1f s, warm %s(max %.1f s)\n' \
    "${stops[0]}" "$(printf '%.1f ' "${stops[@]:1}")" "$stop_max"
printf '  target: under 20 s: %s\n' "$(verdict "$stop_max < 20")"
printf 'kill -9 of the AppHost: its %d other processes gone in %.1f s%s\n' "$((killed_count - 1))" "$kill_time" \
    "${kill_left:+; NOT gone after $STOP_LIMIT s (killed by the script): $kill_left}"
echo "idle RSS after $IDLE s (target: each process under 200 MB):"
/usr/bin/python3 - "$work/rss" <<'EOF'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
order = ["dotnet run", "AppHost", "dcp start-apiserver", "dcp run-controllers", "dcp monitor-process", "dashboard", "registry",
         "gateway", "local-postgres.sh", "postgres"]
rank = lambda name: next((i for i, prefix in enumerate(order) if name.startswith(prefix)), len(order))
rows.sort(key=lambda r: (rank(r[1]), r[1]))
over = []
for pid, name, rss, pss in rows:
    rss = int(rss) / 1024
    if rss >= 200: over.append(name)
    print(f"  {name:<48}{rss:>6.0f} MB")
total_rss, total_pss = sum(int(r[2]) for r in rows) / 1024, sum(int(r[3]) for r in rows) / 1024
print(f"  {'total, ' + str(len(rows)) + ' processes':<48}{total_rss:>6.0f} MB   (PSS, shared pages counted once: {total_pss:.0f} MB)")
print(f"  target: each under 200 MB: {'met' if not over else 'MISSED: ' + ', '.join(over)}")
EOF
exit $status
