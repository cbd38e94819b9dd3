#!/usr/bin/env bash
# Gateway overhead: GetSchool (schools/990001, from the demo data) under the same h2load load, in one run,
#   direct   h2load -> registry (services/Registry/Sia.Registry) -> PostgreSQL
#   gateway  h2load -> gateway (gateway/Sia.Gateway: partner key, rate limiter, signed partner headers, YARP) -> registry
# at two fixed concurrencies: CLIENTS x STREAMS calls in flight (throughput), and 1 (the latency of one hop), each after a
# warm-up, in alternating short runs; prints req/s, p50, p99, CPU per call, the ratio gateway/direct throughput (target
# >= 0.6) and the p50 added (target < 1 ms).
# See README.md.
# Knobs (environment): CLIENTS STREAMS WARMUP DURATION ROUNDS SERVER_CPU PG_CPU GATEWAY_CPU CLIENT_CPU.
set -euo pipefail

CLIENTS=${CLIENTS:-4}              # h2load -c: connections
STREAMS=${STREAMS:-4}              # h2load -m: concurrent streams per connection
WARMUP=${WARMUP:-10}               # seconds of unmeasured load per path and concurrency first (JIT tiering, pools)
DURATION=${DURATION:-5}            # seconds of each measured run
ROUNDS=${ROUNDS:-3}                # measured runs of each path, alternating direct and gateway
SERVER_CPU=${SERVER_CPU:-0}        # the registry
PG_CPU=${PG_CPU:-$SERVER_CPU}      # PostgreSQL: with the registry, so the backend is one CPU, as in registry.sh
GATEWAY_CPU=${GATEWAY_CPU:-1}      # the gateway: beside h2load by default (see README.md); 0 puts it on the backend's CPU
CLIENT_CPU=${CLIENT_CPU:-1}        # h2load

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll
gateway_dll=$root/gateway/Sia.Gateway/bin/Release/net10.0/Sia.Gateway.dll
bench_dll=$root/bench/Sia.Bench.Registry/bin/Release/net10.0/Sia.Bench.Registry.dll
path=/sia.registry.v1.SchoolService/GetSchool
school="Minster View Primary School"  # schools/990001's name, to check answers
# A key made up for this run; the gateway is given only its hash.
key=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
work=$(mktemp -d -p /dev/shm sia-gateway-bench.XXXXXX 2>/dev/null || mktemp -d)
bench_name=gateway
source "$root/bench/lib.sh"
pg_pid= registry_pid= gateway_pid=

cleanup() {
    stop "$gateway_pid"
    stop "$registry_pid"
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in h2load nghttp taskset dotnet sha256sum /usr/bin/python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (h2load and nghttp: apt-get install -y nghttp2-client)"
done

for project in services/Registry/Sia.Registry gateway/Sia.Gateway bench/Sia.Bench.Registry; do
    echo "building $project (Release)..."
    dotnet build -c Release -nologo -v q "$root/$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build of $project failed"; }
done

# The request: a gRPC frame of GetSchoolRequest{name: "schools/990001"}.
/usr/bin/python3 - >"$work/request.bin" <<'EOF'
import struct, sys
name = b"schools/990001"
message = b"\x0a" + bytes([len(name)]) + name
sys.stdout.buffer.write(b"\x00" + struct.pack(">I", len(message)) + message)
EOF

start_postgres "$bench_dll" "$PG_CPU"

registry_port=$(free_port)
echo "starting the registry with its demo data (cpu $SERVER_CPU, port $registry_port)..."
# From their output directories, as deployed (appsettings.json: HTTP/2-only endpoints, log levels). Pinned to one CPU,
# .NET would delay tiered compilation tenfold (see grpc-unary.sh).
(cd "$(dirname "$registry_dll")" && ConnectionStrings__registrydb="$connection" Registry__LoadDemoData=true \
    Urls=http://127.0.0.1:$registry_port DOTNET_TC_DelaySingleProcMultiplier=1 \
    exec taskset -c "$SERVER_CPU" dotnet "$registry_dll") >"$work/registry.out" 2>&1 3>&- &
registry_pid=$!
wait_for "$work/registry.out" 'Now listening on' "$registry_pid" "the registry"

gateway_port=$(free_port)
echo "starting the gateway (cpu $GATEWAY_CPU, port $gateway_port)..."
# As an AppHost would run it: the registry's address from services__registry__http__0. The rate limit is set out of reach.
(cd "$(dirname "$gateway_dll")" && Urls=http://127.0.0.1:$gateway_port services__registry__http__0=http://127.0.0.1:$registry_port \
    Gateway__PartnerSigningKey="bench-signing-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    Gateway__Partners__0__Name=Bench Gateway__Partners__0__KeyHash="$(printf %s "$key" | sha256sum | cut -d' ' -f1)" \
    Gateway__Partners__0__Scopes__0='sia.registry.v1.*' \
    Gateway__RateLimit__PermitsPerSecond=1000000000 Gateway__RateLimit__Burst=1000000000 \
    DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$GATEWAY_CPU" dotnet "$gateway_dll") >"$work/gateway.out" 2>&1 3>&- &
gateway_pid=$!
wait_for "$work/gateway.out" 'Now listening on' "$gateway_pid" "the gateway"

# One call with the benchmark's exact request and headers: HTTP 200, grpc-status 0, the school in the body. Prints the
# response's DATA bytes, which every call of the load must match (h2load sees only HTTP statuses, and gRPC errors are
# HTTP 200 too: a call refused by the gateway has no body).
check_call() { # url
    local out data
    out=$(nghttp -v -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $key" \
        -d "$work/request.bin" "$1$path" 2>&1 | tr -d '\000')
    data=$(grep -o 'recv DATA frame <length=[0-9]*' <<<"$out" | awk -F= '{ sum += $2 } END { print sum + 0 }')
    if ! grep -q ':status: 200' <<<"$out" || ! grep -q 'grpc-status: 0' <<<"$out" || ! grep -qa "$school" <<<"$out" || ((data == 0)); then
        echo "unexpected response from $1$path:" >&2
        grep -a -E 'recv \(stream_id|grpc-' <<<"$out" >&2
        return 1
    fi
    echo "$data"
}

load() { # url seconds clients streams [h2load options...]
    local url=$1 seconds=$2 clients=$3 streams=$4
    shift 4
    taskset -c "$CLIENT_CPU" h2load -c "$clients" -m "$streams" -t 1 -D "$seconds" -d "$work/request.bin" \
        -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $key" "$@" "$url$path" 3>&-
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # pid -> user + system CPU time, in clock ticks

warm_up() { # label url clients streams
    echo "== warm-up: $1 ($3 x $4 in flight, ${WARMUP}s)"
    check_call "$2" >/dev/null || return 1
    load "$2" "$WARMUP" "$3" "$4" >"$work/$1.warmup" || { cat "$work/$1.warmup" >&2; return 1; }
}

# One measured run; appends "label rps gateway-cpu-ticks registry-cpu-ticks" to $work/runs, after checking every call.
measure() { # label url clients streams
    local label=$1 url=$2 bytes before_gateway before_registry ticks
    bytes=$(check_call "$url") || return 1
    before_gateway=$(cpu_ticks "$gateway_pid") before_registry=$(cpu_ticks "$registry_pid")
    load "$url" "$DURATION" "$3" "$4" --log-file="$work/$label.log" >"$work/$label.h2load" || { cat "$work/$label.h2load" >&2; return 1; }
    ticks="$(($(cpu_ticks "$gateway_pid") - before_gateway)) $(($(cpu_ticks "$registry_pid") - before_registry))"
    check_call "$url" >/dev/null || return 1
    grep -q ' 0 failed, 0 errored, 0 timeout' "$work/$label.h2load" \
        || { cat "$work/$label.h2load" >&2; echo "$label: h2load reported failures" >&2; return 1; }
    /usr/bin/python3 - "$label" "$work/$label" "$bytes" "$ticks" >>"$work/runs" <<'EOF'
import re, sys
label, prefix, bytes_per_call, ticks = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
summary = open(prefix + ".h2load").read()
rps = float(re.search(r"([0-9.]+) req/s", summary).group(1))
done = int(re.search(r"(\d+) succeeded", summary).group(1))
data = int(re.search(r"\((\d+)\) data", summary).group(1))
if data < done * bytes_per_call:
    sys.exit(f"{label}: {data} DATA bytes for {done} calls, fewer than the {bytes_per_call} of a GetSchool answer each: some calls failed")
statuses = [line.split("\t")[1] for line in open(prefix + ".log")]
bad = sum(1 for status in statuses if status != "200")
if not statuses or bad:
    sys.exit(f"{label}: {bad} of {len(statuses)} requests were not HTTP 200")
print(label, f"{rps:.1f}", ticks)
print(f"   {label:<12}{rps:>8.0f} req/s", file=sys.stderr)
EOF
}

direct=http://127.0.0.1:$registry_port
gateway=http://127.0.0.1:$gateway_port
status=0
# Both paths are warmed up first (JIT tiering, connection pools, PostgreSQL's caches); then ROUNDS short runs of each,
# alternating, so that a slow patch of this shared machine falls on both alike. Each round's ratio compares neighbours.
for concurrency in "$CLIENTS $STREAMS" "1 1"; do
    suffix=$([[ $concurrency == "1 1" ]] && echo -1 || true)
    warm_up "gateway$suffix" "$gateway" $concurrency && warm_up "direct$suffix" "$direct" $concurrency || { status=1; continue; }
    echo "== measuring: $ROUNDS rounds of ${DURATION}s each"
    for round in $(seq "$ROUNDS"); do
        measure "direct$suffix.$round" "$direct" $concurrency && measure "gateway$suffix.$round" "$gateway" $concurrency || { status=1; break; }
    done
done
for name in registry gateway; do
    if grep -qE '^(fail|crit):' "$work/$name.out"; then
        echo "the $name logged errors:" >&2
        grep -E -A3 '^(fail|crit):' "$work/$name.out" | head -40 >&2
        status=1
    fi
done

echo
echo "GetSchool (schools/990001), h2load -t 1, after ${WARMUP}s warm-up: median of $ROUNDS alternating ${DURATION}s runs;" \
    "registry on cpu $SERVER_CPU, PostgreSQL on cpu $PG_CPU, gateway on cpu $GATEWAY_CPU, h2load on cpu $CLIENT_CPU"
/usr/bin/python3 - "$work" "$CLIENTS" "$STREAMS" "$(getconf CLK_TCK)" "$DURATION" <<'EOF'
import os, statistics, sys
work, clients, streams, tick, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
runs = {}
if os.path.exists(f"{work}/runs"):
    for label, rps, gateway_ticks, registry_ticks in (line.split() for line in open(f"{work}/runs")):
        name, round_ = label.rsplit(".", 1)
        runs.setdefault(name, {})[round_] = (float(rps), int(gateway_ticks), int(registry_ticks))
def latencies(name):  # p50 and p99 in ms, over every call of its runs
    values = sorted(int(line.split("\t")[2]) for r in runs[name] for line in open(f"{work}/{name}.{r}.log"))
    return [values[min(len(values) - 1, int(p * len(values)))] / 1000 for p in (0.50, 0.99)]
concurrencies = (("", f"{clients} x {streams} in flight"), ("-1", "1 in flight"))
print(f"  {'path':<32}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}   CPU us per call: gateway, registry")
summary = {}
for suffix, what in concurrencies:
    for path in ("direct", "gateway"):
        if (name := path + suffix) not in runs: continue
        rounds = runs[name].values()
        calls = sum(rps for rps, _, _ in rounds) * duration
        cpu = lambda i: sum(r[i] for r in rounds) * 1e6 / tick / calls
        summary[name] = (statistics.median(rps for rps, _, _ in rounds), *latencies(name))
        print(f"  {path + ', ' + what:<32}{summary[name][0]:>8.0f}{summary[name][1]:>9.3f}{summary[name][2]:>9.3f}   {cpu(1):>6.0f}, {cpu(2):>6.0f}")
print("targets:")
def verdict(what, value, ok, unit, note=""):
    print(f"  {what:<44}{value:>7.2f} {unit:<3}{'met' if ok else 'MISSED'}{note}")
if "direct" in runs and "gateway" in runs:
    ratios = sorted(runs["gateway"][r][0] / runs["direct"][r][0] for r in runs["gateway"] if r in runs["direct"])
    median = statistics.median(ratios)
    verdict(f"gateway/direct req/s >= 0.6 ({clients} x {streams})", median, median >= 0.6, "x",
            f"   (rounds: {', '.join(f'{r:.2f}' for r in ratios)})")
# p50 added at the fixed concurrency, and with one call in flight: the hop's own latency (one call at a time, throughput
# is 1 / latency, so no ratio is judged there).
for suffix, what in concurrencies:
    if "direct" + suffix in summary and "gateway" + suffix in summary:
        added = summary["gateway" + suffix][1] - summary["direct" + suffix][1]
        verdict(f"p50 added < 1 ms ({what})", added, added < 1, "ms")
EOF
exit $status
