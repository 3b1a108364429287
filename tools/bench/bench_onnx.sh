#!/usr/bin/env bash
# ONNX Runtime (Java API, com.microsoft.onnxruntime:onnxruntime, CPU) on the inference workloads of
# `airfoil bench`: exports bench_torch.py's models with tools/bench/export_onnx.py (once), builds the
# benchmarks module (once; REBUILD=1 forces it) and runs dev.airfoil.benchmarks.OnnxRuntimeBench,
# one JVM per (workload, thread setting) so peak RSS is per workload. Prints JSON lines on stdout.
#
#   tools/bench/bench_onnx.sh                                  # 4 workloads x intra-op threads 1 and 2
#   WORKLOADS="mlp-infer-1000" ORT_THREADS=1 REPEATS=5 tools/bench/bench_onnx.sh
#   tools/bench/bench_onnx.sh --prepare                        # export and build only
# Env: ONNX_DIR (default bench-onnx, git-ignored), TORCH_PY (default /usr/bin/python3 with
# python3-torch), MVN_OPTS (extra Maven flags, e.g. -o), ORT_JAVA_OPTS (extra JVM flags).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
ONNX_DIR="${ONNX_DIR:-bench-onnx}"
REPEATS="${REPEATS:-3}"
WORKLOADS="${WORKLOADS:-mlp-infer-1000 mlp-latency convnet-infer-1000 convnet-latency}"
ORT_THREADS="${ORT_THREADS:-1 2}"
TORCH_PY="${TORCH_PY:-/usr/bin/python3}"
CP_FILE=benchmarks/target/onnxruntime.classpath
if [ ! -f "$ONNX_DIR/mlp.onnx" ] || [ ! -f "$ONNX_DIR/convnet.onnx" ]; then
  "$TORCH_PY" tools/bench/export_onnx.py "$ONNX_DIR" >&2
fi
if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$CP_FILE" ] \
   || [ ! -f benchmarks/target/classes/dev/airfoil/benchmarks/OnnxRuntimeBench.class ]; then
  echo "# building the benchmarks module" >&2
  # shellcheck disable=SC2086
  mvn -q -B -ntp ${MVN_OPTS:-} -Pbenchmarks -pl benchmarks -am -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/onnxruntime.classpath -Dmdep.includeGroupIds=com.microsoft.onnxruntime >&2
fi
[ "${1:-}" = --prepare ] && exit 0
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
CP="benchmarks/target/classes:$(cat "$CP_FILE")"
for w in $WORKLOADS; do
  for t in $ORT_THREADS; do
    # shellcheck disable=SC2086
    java ${ORT_JAVA_OPTS:-} -cp "$CP" dev.airfoil.benchmarks.OnnxRuntimeBench --models "$ONNX_DIR" \
      --workload "$w" --threads "$t" --repeats "$REPEATS" | grep '^{' || echo "# onnxruntime $w threads $t failed" >&2
  done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
