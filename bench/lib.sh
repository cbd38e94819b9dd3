# Helpers the benchmark scripts share; source it after setting bench_name (for messages) and work (a scratch folder).

die() { echo "$bench_name: $*" >&2; exit 1; }

stop() { # pid [seconds]: SIGTERM, then SIGKILL if it has not gone
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq $((${2:-10} * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() { # file pattern pid what
    for _ in $(seq 600); do
        grep -qs "$2" "$1" && return 0  # -s: the file appears when the background process's shell opens it
        kill -0 "$3" 2>/dev/null || break
        sleep 0.1
    done
    cat "$1" >&2
    die "$4 did not start"
}

# A throwaway PostgreSQL held by `Sia.Bench.Registry postgres` for as long as its stdin (fd 3 here) is open.
start_postgres() { # bench-dll cpu: sets pg_pid and connection
    echo "starting PostgreSQL (cpu $2)..."
    mkfifo "$work/pg.in"
    taskset -c "$2" dotnet "$1" postgres <"$work/pg.in" >"$work/pg.out" 2>&1 &
    pg_pid=$!
    exec 3<>"$work/pg.in"
    wait_for "$work/pg.out" '^connection ' "$pg_pid" "PostgreSQL"
    connection=$(sed -n 's/^connection //p' "$work/pg.out")
}

stop_postgres() { # the helper stops PostgreSQL (fast shutdown) and deletes its directory when told, or when its stdin closes
    [[ -n ${pg_pid:-} ]] || return 0
    { echo stop >&3; exec 3>&-; } 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
    stop "$pg_pid" 20  # its SIGTERM handler stops the server too
}

# The fail/crit entries of a .NET console log (the registry's, the gateway's), printed to stderr; returns 1 if there is
# one. A timed h2load run ends by closing its connections with calls still in flight, and grpc-dotnet logs some of those
# calls (the ones still reading their request when the connection drops) as errors, "Error when executing service
# method" with an IOException (grpc/grpc-dotnet#2441): those are counted apart, up to MAX (the calls in flight at the
# ends of the script's runs); more than that counts as errors too.
log_errors() { # log name max-hangups
    /usr/bin/python3 - "$@" <<'PYEOF'
import re, sys
log, name, allowed = sys.argv[1], sys.argv[2], int(sys.argv[3])
entries = re.split(r"\n(?=(?:trce|dbug|info|warn|fail|crit): )", open(log, errors="replace").read())
errors = [e for e in entries if e.startswith(("fail:", "crit:"))]
def hang_up(entry):
    lines = entry.splitlines()
    return (len(lines) >= 3 and lines[0].startswith("fail: Grpc.AspNetCore.Server.ServerCallHandler[")
            and "Error when executing service method" in lines[1]
            and lines[2].strip() in ("System.IO.IOException: The request stream was aborted.",
                                     "System.IO.IOException: The client reset the request stream."))
hang_ups = sum(1 for e in errors if hang_up(e))
left = [e for e in errors if not hang_up(e)] if hang_ups <= allowed else errors
if hang_ups:
    print(f"  ({name}: {hang_ups} calls cut off by h2load's hang-up at the end of a run, logged as errors by grpc-dotnet;"
          f" {'left out' if hang_ups <= allowed else f'more than the {allowed} in flight at the ends of the runs'})", file=sys.stderr)
if left:
    print(f"the {name} logged {len(left)} errors:", file=sys.stderr)
    for e in left[:5]:
        print("\n".join(e.splitlines()[:4]), file=sys.stderr)
sys.exit(1 if left else 0)
PYEOF
}

h2load_method() { # method path seconds name: CLIENTS connections of STREAMS calls each, on CLIENT_CPU, to $load_url
    local pids=() k status=0
    for ((k = 0; k < CLIENTS; k++)); do
        taskset -c "$CLIENT_CPU" h2load -c 1 -m "$STREAMS" -t 1 -D "$3" -d "$work/requests/$1-$k.bin" \
            -H 'content-type: application/grpc' -H 'te: trailers' --log-file="$work/$4-$k.log" \
            "$load_url$2" >"$work/$4-$k.h2load" 2>&1 3>&- &
        pids+=($!)
    done
    for k in "${!pids[@]}"; do wait "${pids[$k]}" || { cat "$work/$4-$k.h2load" >&2; status=1; }; done
    return $status
}

bench_call() { # method path label: appends "label rps p50 p99" to $work/results; the script defines check (method)
    local k
    echo "== $3"
    check "$1" || return 1
    h2load_method "$1" "$2" "$WARMUP" "$1-warmup" || return 1
    h2load_method "$1" "$2" "$DURATION" "$1" || return 1
    check "$1" >"$work/check.out" || { cat "$work/check.out"; return 1; }
    for ((k = 0; k < CLIENTS; k++)); do
        grep -q ' 0 failed, 0 errored, 0 timeout' "$work/$1-$k.h2load" || { cat "$work/$1-$k.h2load" >&2; echo "$3: h2load reported failures" >&2; return 1; }
    done
    # req/s: the connections' sum (h2load's summaries); p50/p99: from all the connections' per-request logs.
    /usr/bin/python3 - "$3" "$work/$1" "$CLIENTS" >>"$work/results" <<'EOF'
import re, sys
label, prefix, clients = sys.argv[1], sys.argv[2], int(sys.argv[3])
rps = sum(float(re.search(r"([0-9.]+) req/s", open(f"{prefix}-{k}.h2load").read()).group(1)) for k in range(clients))
rows = [line.split("\t") for k in range(clients) for line in open(f"{prefix}-{k}.log")]
bad = sum(1 for row in rows if row[1] != "200")
if not rows or bad:
    sys.exit(f"{label}: {bad} of {len(rows)} requests were not HTTP 200")
latencies = sorted(int(row[2]) for row in rows)
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] / 1000
print(label, f"{rps:.0f}", f"{pct(0.50):.2f}", f"{pct(0.99):.2f}")
EOF
}

registry_with_demo() { # connection: the registry with its demo data on SERVER_CPU, verifying partner headers signed with $signing_key: sets registry_pid, registry_port
    registry_port=$(free_port)
    echo "starting the registry with its demo data (cpu $SERVER_CPU, port $registry_port)..."
    # From its output directory, as deployed (appsettings.json: HTTP/2-only endpoints, log levels). Pinned to one CPU,
    # .NET would delay tiered compilation tenfold (see README.md).
    (cd "$(dirname "$registry_dll")" && ConnectionStrings__registrydb="$1" Registry__LoadDemoData=true \
        Gateway__PartnerSigningKey="$signing_key" Urls=http://127.0.0.1:$registry_port DOTNET_TC_DelaySingleProcMultiplier=1 \
        exec taskset -c "$SERVER_CPU" dotnet "$registry_dll") >"$work/registry.out" 2>&1 3>&- &
    registry_pid=$!
    wait_for "$work/registry.out" 'Now listening on' "$registry_pid" "the registry"
}

registry_with_gias() { # a registry on SERVER_CPU with a generated ROWS-row GIAS extract imported: sets registry_db, registry_pid, url, changes
    echo "generating a $ROWS-row GIAS extract..."
    dotnet "$bench_dll" generate "$work/gias.csv" "$ROWS"
    start_postgres "$bench_dll" "$PG_CPU"
    registry_db=$connection
    local port
    port=$(free_port)
    echo "starting the registry (cpu $SERVER_CPU, port $port)..."
    (cd "$(dirname "$registry_dll")" && ConnectionStrings__registrydb="$registry_db" Urls=http://127.0.0.1:$port \
        DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$SERVER_CPU" dotnet "$registry_dll") >"$work/registry.out" 2>&1 3>&- &
    registry_pid=$!
    wait_for "$work/registry.out" 'Now listening on' "$registry_pid" "the registry"
    url=http://127.0.0.1:$port
    echo "importing the extract into the registry..."
    dotnet "$registry_dll" import-gias "$work/gias.csv" --registry "$url" >"$work/import.out" 2>&1 3>&- || { tail -5 "$work/import.out" >&2; die "import-gias failed"; }
    grep -qx "created $ROWS, updated 0, unchanged 0, rejected 0" "$work/import.out" || { tail -5 "$work/import.out" >&2; die "the import did not create every school"; }
    changes=$(dotnet "$bench_dll" changes "$registry_db" | sed -n 's/^changes //p')
}
