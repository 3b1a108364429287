#!/usr/bin/env bash
# Does a workload run the Vector API boxed in its steady state? C2 intrinsifies a vector operation only
# when it inlines the whole call chain; past its inlining budget or depth (MaxInlineLevel, 15 on JDK 17),
# or with vectors merged by branches inside a loop, the operations run the API's Java fallback and
# allocate a vector object per step, at a fraction of the speed. Whether that happens depends on each
# JVM's compilation order, so run it several times. Records `airfoil bench` with JFR and reports, over
# the last 40 % of the run (after the JIT has settled), the allocation from the Vector API's fallback
# and the CPU samples inside it, by the Airfoil method that called it.
#   tools/bench/vector-boxing/check.sh convnet-train-128 2560      # workload, samples
#   RUNS=5 tools/bench/vector-boxing/check.sh mlpgelu-train-32
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../java-tool.sh" ""  # no Java file to compile
W="${1:?workload}"
N="${2:-20000}"
TMP="$OUT"
for run in $(seq "${RUNS:-1}"); do
  # shellcheck disable=SC2086
  java $AIRFOIL_JVM_FLAGS -XX:StartFlightRecording=filename="$TMP/r.jfr",settings=profile -jar "$JAR" \
    bench --workload "$W" --samples "$N" --repeats 3 2>/dev/null | grep median | awk '{printf "%s %s/s: ", $1, $3}'
  jfr print --stack-depth 64 --json --events jdk.ObjectAllocationSample "$TMP/r.jfr" > "$TMP/alloc.json"
  jfr print --stack-depth 64 --json --events jdk.ExecutionSample "$TMP/r.jfr" > "$TMP/cpu.json"
  python3 "$HERE/steady_state.py" "$TMP/alloc.json" "$TMP/cpu.json"
done
