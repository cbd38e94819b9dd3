#!/usr/bin/env bash
# The test command: installs what is missing, builds the solution, runs every test project, and ends
# with one line of totals: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

bash tests/setup.sh || exit 1

results=TestResults
rm -rf "$results"
if ! dotnet build SIA.sln -nologo -clp:ErrorsOnly -v:q; then
  echo "tests: 0 passed, 1 failed (the build failed)"
  exit 1
fi

dotnet test SIA.sln --no-build -nologo --logger "trx" --results-directory "$results" "$@"
status=$?
# With --filter, a project none of whose tests match runs none: that is not a crash.
filtered=0
for arg in "$@"; do [[ $arg == --filter* ]] && filtered=1; done

/usr/bin/python3 - "$results" "$status" "$filtered" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
aborted = []
for path in glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    counters = root.find(".//{*}Counters")
    run_failed = sum(int(counters.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
    passed += int(counters.get("passed", 0))
    failed += run_failed
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
    # A test host that crashed leaves a run with no tests (unless a filter selected none), or one marked failed without a
    # failed test.
    outcome = root.find(".//{*}ResultSummary").get("outcome")
    no_tests = int(counters.get("total", 0)) == 0 and sys.argv[3] == "0"
    if no_tests or (outcome not in ("Completed", "Passed", "Warning") and run_failed == 0):
        aborted.append(path)
for path in aborted:
    print(f"a test run did not complete: {path}")
if failed == 0 and (sys.argv[2] != "0" or aborted):
    failed = 1  # the runner failed without a failed test (a crash, no results)
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
