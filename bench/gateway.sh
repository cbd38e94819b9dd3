#!/usr/bin/env bash
# Gateway overhead: GetSchool (schools/990001, from the demo data) under the same h2load load, in one run,
#   direct   h2load -> registry (services/Registry/Sia.Registry) -> PostgreSQL
#   gateway  h2load -> gateway (gateway/Sia.Gateway: partner key, rate limiter, signed partner headers, YARP) -> registry
#   bare     h2load -> a bare YARP proxy (bench/Sia.Bench.BareProxy: no auth, no limits) -> registry
# at two fixed concurrencies: CLIENTS x STREAMS calls in flight (throughput, 32 by default), and 1 (the latency of one
# hop), each after a warm-up, in alternating short runs; prints req/s, p50, p99, CPU per call, and the targets: gateway/
# direct throughput >= 0.6, p50 added < 1 ms, gateway/bare proxy throughput >= 0.9 (with the p50 difference).
# See README.md.
# Knobs (environment): CLIENTS STREAMS WARMUP DURATION ROUNDS SERVER_CPU PG_CPU GATEWAY_CPU CLIENT_CPU.
set -euo pipefail

CLIENTS=${CLIENTS:-4}              # h2load -c: connections
STREAMS=${STREAMS:-8}              # h2load -m: concurrent streams per connection (4 x 8: the issue's 32 in flight)
WARMUP=${WARMUP:-10}               # seconds of unmeasured load per path and concurrency first (JIT tiering, pools)
DURATION=${DURATION:-5}            # seconds of each measured run
ROUNDS=${ROUNDS:-3}                # measured runs of each path, alternating direct, gateway and bare proxy
SERVER_CPU=${SERVER_CPU:-0}        # the registry
PG_CPU=${PG_CPU:-$SERVER_CPU}      # PostgreSQL: with the registry, so the backend is one CPU, as in registry.sh
GATEWAY_CPU=${GATEWAY_CPU:-1}      # the gateway and the bare proxy: beside h2load by default (see README.md); 0: the backend's CPU
CLIENT_CPU=${CLIENT_CPU:-1}        # h2load

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll
gateway_dll=$root/gateway/Sia.Gateway/bin/Release/net10.0/Sia.Gateway.dll
bench_dll=$root/bench/Sia.Bench.Registry/bin/Release/net10.0/Sia.Bench.Registry.dll
bare_dll=$root/bench/Sia.Bench.BareProxy/bin/Release/net10.0/Sia.Bench.BareProxy.dll
path=/sia.registry.v1.SchoolService/GetSchool
school="Minster View Primary School"  # schools/990001's name, to check answers
# A key made up for this run; the gateway is given only its hash. Only calls to the gateway carry it.
key=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
# The key the gateway signs its partner header with; the registry verifies that header with it, as under the AppHost.
signing_key=bench-signing-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
work=$(mktemp -d -p /dev/shm sia-gateway-bench.XXXXXX 2>/dev/null || mktemp -d)
bench_name=gateway
source "$root/bench/lib.sh"
pg_pid= registry_pid= gateway_pid= bare_pid=

cleanup() {
    stop "$bare_pid"
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

for project in services/Registry/Sia.Registry gateway/Sia.Gateway bench/Sia.Bench.BareProxy bench/Sia.Bench.Registry; do
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

registry_with_demo "$connection"

gateway_port=$(free_port)
echo "starting the gateway (cpu $GATEWAY_CPU, port $gateway_port)..."
# As an AppHost would run it: the registry's address from services__registry__http__0. The rate limit is set out of reach.
(cd "$(dirname "$gateway_dll")" && Urls=http://127.0.0.1:$gateway_port services__registry__http__0=http://127.0.0.1:$registry_port \
    Gateway__PartnerSigningKey="$signing_key" \
    Gateway__Partners__0__Name=Bench Gateway__Partners__0__KeyHash="$(printf %s "$key" | sha256sum | cut -d' ' -f1)" \
    Gateway__Partners__0__Scopes__0='sia.registry.v1.*' \
    Gateway__RateLimit__PermitsPerSecond=1000000000 Gateway__RateLimit__Burst=1000000000 \
    DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$GATEWAY_CPU" dotnet "$gateway_dll") >"$work/gateway.out" 2>&1 3>&- &
gateway_pid=$!
wait_for "$work/gateway.out" 'Now listening on' "$gateway_pid" "the gateway"

bare_port=$(free_port)
echo "starting the bare YARP proxy (cpu $GATEWAY_CPU, port $bare_port)..."
(cd "$(dirname "$bare_dll")" && Urls=http://127.0.0.1:$bare_port DOTNET_TC_DelaySingleProcMultiplier=1 \
    exec taskset -c "$GATEWAY_CPU" dotnet "$bare_dll" "http://127.0.0.1:$registry_port") >"$work/bare.out" 2>&1 3>&- &
bare_pid=$!
wait_for "$work/bare.out" 'Now listening on' "$bare_pid" "the bare proxy"

direct=http://127.0.0.1:$registry_port
gateway=http://127.0.0.1:$gateway_port
bare=http://127.0.0.1:$bare_port
# The partner's key goes to the gateway only (the registry, and so the bare proxy in front of it, needs none).
auth() { [[ $1 != "$gateway" ]] || printf '%s\n' -H "authorization: Bearer $key"; }

# One call with the benchmark's exact request and headers: HTTP 200, grpc-status 0, the school in the body. Prints the
# response's DATA bytes, which every call of the load must match (h2load sees only HTTP statuses, and gRPC errors are
# HTTP 200 too: a call refused by the gateway has no body).
check_call() { # url
    local out data headers
    mapfile -t headers < <(auth "$1")
    out=$(nghttp -v -H 'content-type: application/grpc' -H 'te: trailers' "${headers[@]}" \
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
    local url=$1 seconds=$2 clients=$3 streams=$4 headers
    shift 4
    mapfile -t headers < <(auth "$url")
    taskset -c "$CLIENT_CPU" h2load -c "$clients" -m "$streams" -t 1 -D "$seconds" -d "$work/request.bin" \
        -H 'content-type: application/grpc' -H 'te: trailers' "${headers[@]}" "$@" "$url$path" 3>&-
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # pid -> user + system CPU time, in clock ticks

warm_up() { # label url clients streams
    echo "== warm-up: $1 ($3 x $4 in flight, ${WARMUP}s)"
    check_call "$2" >/dev/null || return 1
    load "$2" "$WARMUP" "$3" "$4" >"$work/$1.warmup" || { cat "$work/$1.warmup" >&2; return 1; }
}

# One measured run; appends "label rps proxy-cpu-ticks registry-cpu-ticks" to $work/runs, after checking every call. The
# proxy is the path's own (the gateway or the bare proxy; none for direct).
measure() { # label url clients streams
    local label=$1 url=$2 bytes proxy_pid=$bare_pid before_proxy before_registry ticks
    [[ $url == "$gateway" ]] && proxy_pid=$gateway_pid
    bytes=$(check_call "$url") || return 1
    before_proxy=$(cpu_ticks "$proxy_pid") before_registry=$(cpu_ticks "$registry_pid")
    load "$url" "$DURATION" "$3" "$4" --log-file="$work/$label.log" >"$work/$label.h2load" || { cat "$work/$label.h2load" >&2; return 1; }
    ticks="$(($(cpu_ticks "$proxy_pid") - before_proxy)) $(($(cpu_ticks "$registry_pid") - before_registry))"
    [[ $url != "$direct" ]] || ticks="0 ${ticks#* }"
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

declare -A urls=([direct]=$direct [gateway]=$gateway [bare]=$bare)
status=0 runs=0
# Every path is warmed up first (JIT tiering, connection pools, PostgreSQL's caches); then ROUNDS short runs of each,
# alternating (the order turns each round), so that a slow patch of this shared machine falls on all alike. Each round's
# ratios compare neighbours.
for concurrency in "$CLIENTS $STREAMS" "1 1"; do
    suffix=$([[ $concurrency == "1 1" ]] && echo -1 || true)
    for name in gateway bare direct; do
        runs=$((runs + 1))
        warm_up "$name$suffix" "${urls[$name]}" $concurrency || { status=1; continue 2; }
    done
    echo "== measuring: $ROUNDS rounds of ${DURATION}s each"
    order=(direct gateway bare)
    for round in $(seq "$ROUNDS"); do
        for name in "${order[@]}"; do
            runs=$((runs + 1))
            measure "$name$suffix.$round" "${urls[$name]}" $concurrency || { status=1; break 2; }
        done
        order=("${order[@]:1}" "${order[0]}")
    done
done
# Calls cut off when a timed h2load run ends are not errors: at most the calls in flight, at the end of each run.
log_errors "$work/registry.out" registry $((runs * (CLIENTS * STREAMS + 1))) || status=1
log_errors "$work/gateway.out" gateway 0 || status=1
log_errors "$work/bare.out" "bare proxy" 0 || status=1

echo
echo "GetSchool (schools/990001), h2load -t 1, after ${WARMUP}s warm-up: median of $ROUNDS alternating ${DURATION}s runs;" \
    "registry on cpu $SERVER_CPU, PostgreSQL on cpu $PG_CPU, gateway and bare proxy on cpu $GATEWAY_CPU, h2load on cpu $CLIENT_CPU"
/usr/bin/python3 - "$work" "$CLIENTS" "$STREAMS" "$(getconf CLK_TCK)" "$DURATION" <<'EOF'
import os, statistics, sys
work, clients, streams, tick, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
runs = {}
if os.path.exists(f"{work}/runs"):
    for label, rps, proxy_ticks, registry_ticks in (line.split() for line in open(f"{work}/runs")):
        name, round_ = label.rsplit(".", 1)
        runs.setdefault(name, {})[round_] = (float(rps), int(proxy_ticks), int(registry_ticks))
def latencies(name):  # p50 and p99 in ms, over every call of its runs
    values = sorted(int(line.split("\t")[2]) for r in runs[name] for line in open(f"{work}/{name}.{r}.log"))
    return [values[min(len(values) - 1, int(p * len(values)))] / 1000 for p in (0.50, 0.99)]
concurrencies = (("", f"{clients} x {streams} in flight"), ("-1", "1 in flight"))
paths = {"direct": "direct", "gateway": "gateway", "bare": "bare proxy"}
print(f"  {'path':<34}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}   CPU us per call: proxy, registry")
summary = {}
for suffix, what in concurrencies:
    for path, shown in paths.items():
        if (name := path + suffix) not in runs: continue
        rounds = runs[name].values()
        calls = sum(rps for rps, _, _ in rounds) * duration
        cpu = lambda i: sum(r[i] for r in rounds) * 1e6 / tick / calls
        summary[name] = (statistics.median(rps for rps, _, _ in rounds), *latencies(name))
        proxy_cpu = "     -" if path == "direct" else f"{cpu(1):>6.0f}"
        print(f"  {shown + ', ' + what:<34}{summary[name][0]:>8.0f}{summary[name][1]:>9.3f}{summary[name][2]:>9.3f}   {proxy_cpu}, {cpu(2):>6.0f}")
print("targets:")
def verdict(what, value, ok, unit, note=""):
    print(f"  {what:<46}{value:>7.2f} {unit:<3}{'met' if ok else 'MISSED'}{note}")
def ratio(a, b, suffix=""):  # the median of each round's a/b req/s, and the rounds' ratios
    if a + suffix not in runs or b + suffix not in runs: return None, []
    ratios = sorted(runs[a + suffix][r][0] / runs[b + suffix][r][0] for r in runs[a + suffix] if r in runs[b + suffix])
    return (statistics.median(ratios), ratios) if ratios else (None, [])
def rounds_note(ratios): return f"   (rounds: {', '.join(f'{r:.2f}' for r in ratios)})"
median, ratios = ratio("gateway", "direct")
if median is not None:
    verdict(f"gateway/direct req/s >= 0.6 ({clients} x {streams})", median, median >= 0.6, "x", rounds_note(ratios))
# p50 added at the fixed concurrency, and with one call in flight: the hop's own latency (one call at a time, throughput
# is 1 / latency, so no ratio is judged there).
for suffix, what in concurrencies:
    if "direct" + suffix in summary and "gateway" + suffix in summary:
        added = summary["gateway" + suffix][1] - summary["direct" + suffix][1]
        verdict(f"p50 added < 1 ms ({what})", added, added < 1, "ms")
# Against a bare YARP proxy in front of the same registry: what the gateway's own work (keys, scopes, rate limit, partner
# headers, telemetry) costs beyond forwarding.
median, ratios = ratio("gateway", "bare")
if median is not None:
    verdict(f"gateway/bare proxy req/s >= 0.9 ({clients} x {streams})", median, median >= 0.9, "x", rounds_note(ratios))
for suffix, what in concurrencies:
    if "bare" + suffix in summary and "gateway" + suffix in summary:
        median, ratios = ratio("gateway", "bare", suffix)
        print(f"  {'gateway - bare proxy, p50 (' + what + ')':<46}{summary['gateway' + suffix][1] - summary['bare' + suffix][1]:>+7.3f} ms"
              f"    req/s {median:.2f}x{rounds_note(ratios)}")
EOF
exit $status
