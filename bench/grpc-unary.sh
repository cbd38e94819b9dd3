#!/usr/bin/env bash
# Unary-call benchmark: the same h2load load (100-byte payload, fixed concurrency) against
#   ceiling  bare Kestrel h2c writing a canned gRPC response (Sia.Bench.Host ceiling)
#   sia      SIA's runtime serving grpc.testing.TestService, the interop service (Sia.Bench.Host sia)
#   sia-min  SIA's runtime with a minimal UnaryCall handler: the runtime's own cost (Sia.Bench.Host sia-min)
#   python   grpcio (tests/peers/python/interop_server.py)
#   node     grpc-js (tests/peers/node/interop_server.js)
# then prints req/s, p50, p99, SIA's ratio to each and server allocated bytes per call (.NET hosts).
# sia, python and node run their interop services, which do the same per-call work (metadata echo checks).
# See README.md.
# Knobs (environment): CLIENTS STREAMS WARMUP DURATION SERVER_CPU CLIENT_CPU TARGETS.
set -euo pipefail

CLIENTS=${CLIENTS:-8}          # h2load -c: connections
STREAMS=${STREAMS:-16}         # h2load -m: concurrent streams per connection
WARMUP=${WARMUP:-10}           # seconds of unmeasured load first (JIT tiering, pools, caches)
DURATION=${DURATION:-10}       # seconds measured
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
TARGETS=${TARGETS:-"ceiling sia sia-min python node"}

root=$(cd "$(dirname "$0")/.." && pwd)
host_dll=$root/bench/Sia.Bench.Host/bin/Release/net10.0/Sia.Bench.Host.dll
path=/grpc.testing.TestService/UnaryCall
# tmpfs if there is one: h2load writes a log line per request, and a disk-backed log slows it at 250k req/s.
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
server_pid=
trap 'stop_server; rm -rf "$work"' EXIT

bench_name=grpc-unary
source "$root/bench/lib.sh"

for tool in h2load nghttp taskset node dotnet /usr/bin/python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (h2load and nghttp: apt-get install -y nghttp2-client)"
done

echo "building Sia.Bench.Host (Release)..."
dotnet build -c Release -nologo -v q "$root/bench/Sia.Bench.Host" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build failed"; }
[[ -d $root/node_modules/@grpc/grpc-js ]] || (cd "$root" && npm ci --silent)

# The request every target gets: gRPC frame of SimpleRequest{response_size: 100, payload: {body: 100 zero bytes}}.
/usr/bin/python3 - >"$work/request.bin" <<'EOF'
import struct, sys
payload = b"\x12\x64" + bytes(100)                                      # Payload.body, 100 bytes
message = b"\x10\x64" + b"\x1a" + bytes([len(payload)]) + payload       # response_size=100, payload
sys.stdout.buffer.write(b"\x00" + struct.pack(">I", len(message)) + message)
EOF
min_response=109  # gRPC frame of SimpleResponse{payload: {body: 100 zero bytes}}; grpc-js adds 2 (type: COMPRESSABLE)

# Starts the target on SERVER_CPU with stdin on a FIFO (held open on fd 3) so "mark" can be sent to it.
start_server() { # target port
    local -a command
    case $1 in
        # Pinned to one CPU, .NET thinks it is on a single-processor machine and delays tier-up tenfold, which
        # under full load takes some 15-20 s to reach steady-state code; this only makes it get there sooner.
        ceiling|sia|sia-min) command=(env DOTNET_TC_DelaySingleProcMultiplier=1 dotnet "$host_dll" "$1" "--port=$2") ;;
        python) command=(/usr/bin/python3 "$root/tests/peers/python/interop_server.py" "--port=$2") ;;
        node) command=(node "$root/tests/peers/node/interop_server.js" "--port=$2") ;;
        *) echo "unknown target $1" >&2; return 1 ;;
    esac
    mkfifo "$work/$1.in"
    taskset -c "$SERVER_CPU" "${command[@]}" <"$work/$1.in" >"$work/$1.out" 2>&1 &
    server_pid=$!
    exec 3<>"$work/$1.in"
    for _ in $(seq 600); do
        grep -q "^listening on $2" "$work/$1.out" && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    cat "$work/$1.out" >&2
    return 1
}

stop_server() {
    [[ -n $server_pid ]] || return 0
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    exec 3>&- || true
}

# Prints the .NET host's allocated-bytes counter (see Sia.Bench.Host/AllocationMarks.cs); nothing for the peers.
mark() { # target
    local before
    [[ $1 == ceiling || $1 == sia* ]] || return 0
    before=$(grep -c '^allocated ' "$work/$1.out" || true)
    echo mark >&3
    for _ in $(seq 50); do
        if (($(grep -c '^allocated ' "$work/$1.out" || true) > before)); then
            grep '^allocated ' "$work/$1.out" | tail -1 | cut -d' ' -f2
            return
        fi
        sleep 0.1
    done
}

# One call with the benchmark's exact request and headers; checks :status 200, grpc-status 0 and the response size.
# (h2load itself sees only HTTP statuses, so this runs before and after the load.)
check_call() { # port
    local trace data
    trace=$(nghttp -v -H 'content-type: application/grpc' -H 'te: trailers' -d "$work/request.bin" \
        "http://127.0.0.1:$1$path" 2>&1 | tr -d '\000' | grep 'recv' || true)
    data=$(grep -o 'recv DATA frame <length=[0-9]*' <<<"$trace" | awk -F= '{ sum += $2 } END { print sum + 0 }')
    grep -q ':status: 200' <<<"$trace" && grep -q 'grpc-status: 0' <<<"$trace" && ((data >= min_response)) \
        || { echo "unexpected response:" >&2; grep 'recv (stream_id' <<<"$trace" >&2; echo "DATA bytes: $data" >&2; return 1; }
}

load() { # port seconds [h2load options...]
    local port=$1 seconds=$2
    shift 2
    taskset -c "$CLIENT_CPU" h2load -c "$CLIENTS" -m "$STREAMS" -t 1 -D "$seconds" -d "$work/request.bin" \
        -H 'content-type: application/grpc' -H 'te: trailers' "$@" "http://127.0.0.1:$port$path"
}

# Runs one target; appends "target rps p50 p99 alloc_per_call" to $work/results. Returns non-zero on any failure.
bench_target() { # target
    local target=$1 port before after summary done_ rps
    port=$(free_port)
    echo "== $target (port $port)"
    start_server "$target" "$port" || { echo "$target did not start" >&2; return 1; }
    check_call "$port" || return 1
    load "$port" "$WARMUP" >"$work/$target.warmup" || { cat "$work/$target.warmup" >&2; return 1; }
    before=$(mark "$target")
    load "$port" "$DURATION" --log-file="$work/$target.log" >"$work/$target.h2load" || { cat "$work/$target.h2load" >&2; return 1; }
    after=$(mark "$target")
    check_call "$port" || return 1
    stop_server
    summary=$(grep -E '^(finished in|requests:|status codes:)' "$work/$target.h2load")
    echo "$summary"
    rps=$(grep -o '[0-9.]* req/s' <<<"$summary" | cut -d' ' -f1)
    done_=$(grep -o '[0-9]* done' <<<"$summary" | cut -d' ' -f1)
    # Every logged request must be HTTP 200; p50/p99 come from the same per-request log.
    /usr/bin/python3 - "$work/$target.log" "$target" "$rps" "$done_" "${before:-}" "${after:-}" >>"$work/results" <<'EOF' || return 1
import sys
log, target, rps, done, before, after = sys.argv[1:]
rows = [line.split("\t") for line in open(log)]
bad = sum(1 for row in rows if row[1] != "200")
if not rows or bad:
    sys.exit(f"{target}: {bad} of {len(rows)} requests were not HTTP 200")
latencies = sorted(int(row[2]) for row in rows)
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] / 1000
alloc = f"{(int(after) - int(before)) / int(done):.0f}" if before and after else "n/a"
print(target, rps, f"{pct(0.50):.2f}", f"{pct(0.99):.2f}", alloc)
EOF
    grep -q ' 0 failed, 0 errored, 0 timeout' <<<"$summary" || { echo "$target: h2load reported failures" >&2; return 1; }
}

status=0
for target in $TARGETS; do
    bench_target "$target" || { echo "== $target FAILED" >&2; status=1; }
    stop_server
done

echo
echo "unary UnaryCall, 100-byte payload, h2load -c $CLIENTS -m $STREAMS -t 1, ${DURATION}s after ${WARMUP}s warm-up;" \
    "server on cpu $SERVER_CPU, h2load on cpu $CLIENT_CPU"
/usr/bin/python3 - "$work/results" <<'EOF'
import os, sys
rows = {r[0]: r for r in (line.split() for line in open(sys.argv[1]))} if os.path.exists(sys.argv[1]) else {}
print(f"{'target':<10}{'req/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'alloc B/call':>14}")
for name, rps, p50, p99, alloc in rows.values():
    print(f"{name:<10}{float(rps):>12.0f}{p50:>10}{p99:>10}{alloc:>14}")
print()
for ours, peer, goal in (("sia", "ceiling", ">= 0.80"), ("sia", "python", "> 1.00"), ("sia", "node", "> 1.00"),
                         ("sia-min", "ceiling", ">= 0.80")):
    if ours in rows and peer in rows:
        print(f"{ours + '/' + peer:<16}{float(rows[ours][1]) / float(rows[peer][1]):>6.2f}x   (goal {goal})")
EOF
exit $status
