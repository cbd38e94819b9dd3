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
        grep -q "$2" "$1" && return 0
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
