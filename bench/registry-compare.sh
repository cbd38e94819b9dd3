#!/usr/bin/env bash
# The registry against a baseline build of itself, same script, same hour: registry.sh on this repo's build (Release) and
# on BASELINE_DLL (another Sia.Registry.dll, e.g. the last build on SIA's old gRPC runtime), ROUNDS times each, in the
# order new old old new new old... (so drift over the hour falls on both alike); then, per figure, the median of each
# build's runs and the ratio new/old. Targets: the new build no worse than 0.9x the old: GetSchool and ListSchools req/s
# new/old >= 0.9, p99 old/new >= 0.9 (new/old <= 1.11).
# usage: bench/registry-compare.sh BASELINE_DLL
# Knobs (environment): ROUNDS (2), and every knob of registry.sh (ROWS, CLIENTS, STREAMS, WARMUP, DURATION, SERVER_CPU,
# PG_CPU, CLIENT_CPU, CONNECTION_EXTRA), passed to both builds alike. See README.md.
set -euo pipefail

ROUNDS=${ROUNDS:-2}

root=$(cd "$(dirname "$0")/.." && pwd)
baseline=${1:-}
[[ -n $baseline ]] || { echo "usage: $0 BASELINE_DLL (another build of Sia.Registry.dll)" >&2; exit 2; }
[[ -f $baseline ]] || { echo "registry-compare: no file at $baseline" >&2; exit 2; }
baseline=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
current=$root/services/Registry/Sia.Registry/bin/Release/net10.0/Sia.Registry.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building services/Registry/Sia.Registry (Release)..."
dotnet build -c Release -nologo -v q "$root/services/Registry/Sia.Registry" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; echo "registry-compare: the build failed" >&2; exit 1; }

status=0
order=()
for round in $(seq "$ROUNDS"); do
    if ((round % 2)); then order+=(new old); else order+=(old new); fi
done
run=0
for build in "${order[@]}"; do
    run=$((run + 1))
    dll=$current
    [[ $build == new ]] || dll=$baseline
    echo
    echo "===== run $run of ${#order[@]}: $build build ($dll)"
    REGISTRY_DLL=$dll RESULTS="$work/$build.$run" bash "$root/bench/registry.sh" \
        || { echo "registry-compare: run $run ($build build) failed" >&2; status=1; }
done

echo
echo "registry: this repo's build (new) against $baseline (old), same script, alternately: ${order[*]}"
/usr/bin/python3 - "$work" <<'EOF'
import glob, statistics, sys
work = sys.argv[1]
runs = {"new": [], "old": []}
for path in sorted(glob.glob(f"{work}/*.*")):
    build = path.rsplit("/", 1)[1].split(".")[0]
    if build not in runs: continue
    figures = {}
    for fields in (line.split() for line in open(path)):
        if fields[0] in ("GetSchool", "ListSchools"):
            figures[f"{fields[0]} req/s"], figures[f"{fields[0]} p50 ms"], figures[f"{fields[0]} p99 ms"] = map(float, fields[1:4])
        else:
            figures[{"import-new": "import, new (s)", "import-unchanged": "import, unchanged (s)", "peak-rss": "registry peak RSS (MB)"}[fields[0]]] = float(fields[1])
    runs[build].append(figures)
print(f"  {'':<26}{'new':>10}{'old':>10}{'new/old':>9}   runs new | old")
names = ["GetSchool req/s", "GetSchool p50 ms", "GetSchool p99 ms", "ListSchools req/s", "ListSchools p50 ms", "ListSchools p99 ms",
         "import, new (s)", "import, unchanged (s)", "registry peak RSS (MB)"]
medians = {}
for name in names:
    values = {b: [r[name] for r in runs[b] if name in r] for b in runs}
    if not values["new"] or not values["old"]: continue
    new, old = statistics.median(values["new"]), statistics.median(values["old"])
    medians[name] = (new, old)
    shown = lambda vs: " ".join(f"{v:g}" for v in vs)
    print(f"  {name:<26}{new:>10.1f}{old:>10.1f}{new / old:>8.2f}x   {shown(values['new'])} | {shown(values['old'])}")
print("targets (the new build no worse than 0.9x the old):")
for call in ("GetSchool", "ListSchools"):
    if f"{call} req/s" in medians:
        new, old = medians[f"{call} req/s"]
        print(f"  {call + ' req/s new/old >= 0.9':<40}{new / old:>6.2f}x  {'met' if new / old >= 0.9 else 'MISSED'}")
    if f"{call} p99 ms" in medians:
        new, old = medians[f"{call} p99 ms"]
        print(f"  {call + ' p99 old/new >= 0.9':<40}{old / new:>6.2f}x  {'met' if old / new >= 0.9 else 'MISSED'}"
              f"   (new/old {new / old:.2f}, at most 1.11)")
EOF
exit $status
