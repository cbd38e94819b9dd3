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
