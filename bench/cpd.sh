#!/usr/bin/env bash
# CPD bookings: confirmed CreateBooking calls for one school spread over SESSIONS sessions, IN_FLIGHT at a time, in one
# run, alternating
#   direct   client -> CPD service (services/Cpd/Sia.Cpd) -> registry (is the school open?) and PostgreSQL
#   gateway  client -> gateway (partner key, scopes, rate limiter, signed partner header, YARP) -> CPD service -> ...
# ROUNDS measured runs of each after a warm-up, each on new sessions (an operation reads its session's live bookings, so
# filled sessions would slow later runs); then the contention case: BOOKERS bookings sent at once through the gateway to
# one session of CONTENDED places, timed until every answer is in. Prints req/s, p50, p99 and the targets: at least
# 1,000 confirmed bookings/s direct, gateway/direct >= 0.6, p99 < 50 ms, the contention case < 2 s.
# The client (bench/Sia.Bench.Cpd) checks every answer. See README.md.
# Knobs (environment): SESSIONS CAPACITY IN_FLIGHT WARMUP DURATION ROUNDS CONTENDED BOOKERS SERVER_CPU PG_CPU GATEWAY_CPU CLIENT_CPU
set -euo pipefail

SESSIONS=${SESSIONS:-100}        # sessions a run's bookings go round
CAPACITY=${CAPACITY:-300}        # places per session: enough that every booking of a run is confirmed
IN_FLIGHT=${IN_FLIGHT:-32}       # bookings in flight
WARMUP=${WARMUP:-30}             # seconds of unmeasured load on each path first (the CPD service's CPU per booking settles after about 20 s)
DURATION=${DURATION:-10}         # seconds of each measured run
ROUNDS=${ROUNDS:-2}              # measured runs of each path, alternating
CONTENDED=${CONTENDED:-30}       # the contention case: places on the session
BOOKERS=${BOOKERS:-200}          # ... and bookings sent at once
SERVER_CPU=${SERVER_CPU:-0}      # the CPD service and the registry
PG_CPU=${PG_CPU:-$SERVER_CPU}    # PostgreSQL: with the services, so the backend is one CPU, as in registry.sh
GATEWAY_CPU=${GATEWAY_CPU:-1}    # the gateway, beside the client (as in gateway.sh)
CLIENT_CPU=${CLIENT_CPU:-1}      # the bench client

root=$(cd "$(dirname "$0")/.." && pwd)
registry_dll=$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll
cpd_dll=$root/services/Cpd/Sia.Cpd/bin/Release/net10.0/Sia.Cpd.dll
gateway_dll=$root/gateway/Sia.Gateway/bin/Release/net10.0/Sia.Gateway.dll
bench_dll=$root/bench/Sia.Bench.Registry/bin/Release/net10.0/Sia.Bench.Registry.dll
client_dll=$root/bench/Sia.Bench.Cpd/bin/Release/net10.0/Sia.Bench.Cpd.dll
# A key made up for this run; the gateway is given only its hash.
key=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
signing_key=bench-signing-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
# The CPD service signs certificates and will not start without a key: one made for this run.
certificate_key=$(openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt)
work=$(mktemp -d -p /dev/shm sia-cpd-bench.XXXXXX 2>/dev/null || mktemp -d)
bench_name=cpd
source "$root/bench/lib.sh"
pg_pid= registry_pid= cpd_pid= gateway_pid=

cleanup() {
    stop "$gateway_pid"
    stop "$cpd_pid"
    stop "$registry_pid"
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in taskset dotnet sha256sum openssl /usr/bin/python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done
((SESSIONS >= 1 && IN_FLIGHT >= 1 && BOOKERS > CONTENDED && CONTENDED >= 1)) || die "SESSIONS, IN_FLIGHT, CONTENDED >= 1 and BOOKERS > CONTENDED"

for project in services/Registry/Sia.Registry services/Cpd/Sia.Cpd gateway/Sia.Gateway bench/Sia.Bench.Registry bench/Sia.Bench.Cpd; do
    echo "building $project (Release)..."
    dotnet build -c Release -nologo -v q "$root/$project" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build of $project failed"; }
done

start_postgres "$bench_dll" "$PG_CPU"
registry_db=$connection
cpd_db=$(dotnet "$bench_dll" database "$registry_db" cpd_bench | sed -n 's/^connection //p')

registry_with_demo "$registry_db"

cpd_port=$(free_port)
echo "starting the CPD service (cpu $SERVER_CPU, port $cpd_port)..."
(cd "$(dirname "$cpd_dll")" && ConnectionStrings__cpddb="$cpd_db" Cpd__Registry__Address=http://127.0.0.1:$registry_port \
    Gateway__PartnerSigningKey="$signing_key" Cpd__Certificates__PrivateKeyPem="$certificate_key" Urls=http://127.0.0.1:$cpd_port \
    DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$SERVER_CPU" dotnet "$cpd_dll") >"$work/cpd.out" 2>&1 3>&- &
cpd_pid=$!
wait_for "$work/cpd.out" 'Now listening on' "$cpd_pid" "the CPD service"

gateway_port=$(free_port)
echo "starting the gateway (cpu $GATEWAY_CPU, port $gateway_port)..."
# A partner acting for York (LA 816), as a local authority's booking system would; the rate limit is set out of reach.
(cd "$(dirname "$gateway_dll")" && Urls=http://127.0.0.1:$gateway_port services__registry__http__0=http://127.0.0.1:$registry_port \
    services__cpd__http__0=http://127.0.0.1:$cpd_port Gateway__PartnerSigningKey="$signing_key" \
    Gateway__Partners__0__Name=Bench Gateway__Partners__0__KeyHash="$(printf %s "$key" | sha256sum | cut -d' ' -f1)" \
    Gateway__Partners__0__Scopes__0='sia.cpd.v1.*' Gateway__Partners__0__ActsFor__LocalAuthorities__0=816 \
    Gateway__RateLimit__PermitsPerSecond=1000000000 Gateway__RateLimit__Burst=1000000000 \
    DOTNET_TC_DelaySingleProcMultiplier=1 exec taskset -c "$GATEWAY_CPU" dotnet "$gateway_dll") >"$work/gateway.out" 2>&1 3>&- &
gateway_pid=$!
wait_for "$work/gateway.out" 'Now listening on' "$gateway_pid" "the gateway"

direct=http://127.0.0.1:$cpd_port
gateway=http://127.0.0.1:$gateway_port
client() { taskset -c "$CLIENT_CPU" dotnet "$client_dll" "$@" 3>&-; }
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }  # pid -> user + system CPU time, in clock ticks
busy_ticks() { awk -v cpus=",$1," '$1 ~ /^cpu[0-9]+$/ && index(cpus, "," substr($1, 4) ",") { busy += $2 + $3 + $4 + $7 + $8 } END { print busy }' /proc/stat; }  # cpus (0 or 0,1) -> their busy time, in clock ticks
# Sessions are made directly, as the provider's own set-up would be; the bookings go by the path measured. Each run's
# line: label, bookings/s, p50, p99, confirmed, other, then the CPU ticks of the CPD service, the registry and the
# server CPU as a whole (PostgreSQL is the rest of it).
run() { # label url key seconds
    client sessions "$direct" - "$SESSIONS" "$CAPACITY" "$work/sessions" || die "could not create sessions"
    local cpd0 registry0 server0 out
    cpd0=$(cpu_ticks "$cpd_pid") registry0=$(cpu_ticks "$registry_pid") server0=$(busy_ticks "$SERVER_CPU")
    out=$(client load "$2" "$3" "$work/sessions" "$IN_FLIGHT" "$4") || die "$1: the load failed"
    echo "${out/#load/$1} $(($(cpu_ticks "$cpd_pid") - cpd0)) $(($(cpu_ticks "$registry_pid") - registry0)) $(($(busy_ticks "$SERVER_CPU") - server0))" >>"$work/results"
}

echo "== warm-up: ${WARMUP}s on each path"
run warmup "$direct" - "$WARMUP"
run warmup "$gateway" "$key" "$WARMUP"
for ((round = 1; round <= ROUNDS; round++)); do
    echo "== round $round of $ROUNDS: ${DURATION}s direct, then ${DURATION}s through the gateway"
    run direct "$direct" - "$DURATION"
    run gateway "$gateway" "$key" "$DURATION"
done
echo "== contention: $BOOKERS bookings at once on $CONTENDED places, through the gateway"
client contend "$direct" "$gateway" "$key" "$CONTENDED" "$BOOKERS" >>"$work/results" || die "the contention case failed"

echo
echo "  CPD service, registry and PostgreSQL on cpu $SERVER_CPU/$PG_CPU; gateway on cpu $GATEWAY_CPU; client on cpu $CLIENT_CPU"
echo "  $IN_FLIGHT bookings in flight over $SESSIONS sessions of $CAPACITY places; ${DURATION}s runs after ${WARMUP}s warm-up"
/usr/bin/python3 - "$work/results" "$(getconf CLK_TCK)" "$DURATION" <<'EOF'
import statistics, sys
tick, duration = int(sys.argv[2]), float(sys.argv[3])
runs = {"direct": [], "gateway": []}
contend = None
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] in runs: runs[f[0]].append([float(x) for x in f[1:]])
    elif f[0] == "contend": contend = float(f[1])
print(f"  {'path':10} {'bookings/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'confirmed':>10} {'other':>6}   CPU us per booking: cpd, registry, PostgreSQL")
for path, rows in runs.items():
    for r in rows:
        per = lambda ticks: ticks * 1e6 / tick / (r[0] * duration)
        print(f"  {path:10} {r[0]:11.0f} {r[1]:8.2f} {r[2]:8.2f} {r[3]:10.0f} {r[4]:6.0f}   {per(r[5]):6.0f}, {per(r[6]):6.0f}, {per(r[7] - r[5] - r[6]):6.0f}")
med = {p: (statistics.median(r[0] for r in rows), max(r[2] for r in rows), sum(r[4] for r in rows)) for p, rows in runs.items()}
confirmed = {p: statistics.median(r[3] / sum(r[3:5]) * r[0] for r in rows) for p, rows in runs.items()}
print(f"  gateway/direct bookings/s (medians): {med['gateway'][0] / med['direct'][0]:.2f}x")
def target(text, value, limit, unit, ok):
    print(f"  {text:52} {value:10.2f} {unit:4} {'met' if ok else 'MISSED'}")
print("targets:")
target("confirmed bookings/s direct >= 1,000", confirmed["direct"], 1000, "/s", confirmed["direct"] >= 1000)
target("through the gateway >= 0.6x direct", confirmed["gateway"] / confirmed["direct"], 0.6, "x", confirmed["gateway"] >= 0.6 * confirmed["direct"])
worst = max(med["direct"][1], med["gateway"][1])
target("p99 < 50 ms (the worst run)", worst, 50, "ms", worst < 50)
target(f"contention: every answer < 2 s", contend, 2, "s", contend < 2)
EOF
