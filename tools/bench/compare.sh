#!/usr/bin/env bash
# Airfoil vs PyTorch vs Keras 3 (JAX) on the end-to-end workloads of `airfoil bench`, side by side.
# Every (framework, thread setting, workload) runs in its own process, so peak RSS is per workload.
# Every framework runs at each thread setting below; the table uses each one's best median per workload.
#
#   tools/bench/compare.sh                         # all workloads, 60,000 training samples, 3 repeats
#   SAMPLES=20000 REPEATS=5 WORKLOADS="mlp-train-32 mlp-train-128" tools/bench/compare.sh
#   CONV_SAMPLES=6000 ...                          # training samples for convnet-train-128
#   ROUNDS=3 ...                                   # frameworks take turns 3 times; medians over the rounds
#   ONNX=1 tools/bench/compare.sh                  # also ONNX Runtime (Java) on the inference workloads,
#                                                  # via tools/bench/bench_onnx.sh (ORT_THREADS, default "1 2")
#   CEILING=0 ...                                  # skip the FMA ceiling (tools/bench/ceiling/FmaCeiling.java,
#                                                  # about 2.5 s) measured before every framework's turn: a
#                                                  # register-only loop and one of the GEMM micro-kernel's shape
# Needs: the CLI jar (./airfoil builds it), /usr/bin/python3 with python3-torch (Debian),
# .venv-keras with Keras 3 + JAX. Raw JSON lines go to $OUT (default bench-results.jsonl).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SAMPLES="${SAMPLES:-60000}"
CONV_SAMPLES="${CONV_SAMPLES:-$SAMPLES}"
REPEATS="${REPEATS:-3}"
# Rounds: the frameworks take turns this many times per workload, one process each per round, and the
# table takes the median over rounds, so a slow minute on a shared machine hits every framework alike.
ROUNDS="${ROUNDS:-1}"
WORKLOADS="${WORKLOADS:-mlp-train-32 mlp-train-128 convnet-train-128 mlp-infer-1000 mlp-latency convnet-infer-1000 convnet-latency}"
TORCH_THREADS="${TORCH_THREADS:-1 2}"
KERAS_THREADS="${KERAS_THREADS:-0 1}"
AIRFOIL_THREADS="${AIRFOIL_THREADS:-2 1}"
# how to run Airfoil's CLI (the launcher builds the jar when needed); the launcher's JVM flags
# (tools/java-opts.sh), extra ones via AIRFOIL_JAVA_OPTS
AIRFOIL_JAR="${AIRFOIL_JAR:-$ROOT/cli/target/airfoil-cli.jar}"
OUT="${OUT:-bench-results.jsonl}"
source "$ROOT/tools/java-opts.sh"
TORCH_PY="${TORCH_PY:-/usr/bin/python3}"
KERAS_PY="${KERAS_PY:-$ROOT/.venv-keras/bin/python}"
ONNX="${ONNX:-0}"
CEILING="${CEILING:-1}"
: > "$OUT"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
[ -f "$AIRFOIL_JAR" ] || ./airfoil --version >/dev/null
[ "$ONNX" = 1 ] && tools/bench/bench_onnx.sh --prepare >&2
run_airfoil() {
  for t in $AIRFOIL_THREADS; do
    java $AIRFOIL_JVM_FLAGS -Dairfoil.kernels.threads="$t" -jar "$AIRFOIL_JAR" \
      bench --json --workload "$1" --samples "$2" --repeats "$REPEATS" 2>/dev/null | grep '^{' >> "$OUT" || echo "# airfoil $1 threads $t failed" >&2
  done
}
run_pytorch() {
  for t in $TORCH_THREADS; do
    "$TORCH_PY" tools/bench/bench_torch.py --workload "$1" --samples "$2" --repeats "$REPEATS" --threads "$t" 2>/dev/null \
      | grep '^{' >> "$OUT" || echo "# pytorch $1 threads $t failed" >&2
  done
}
run_keras() {
  for t in $KERAS_THREADS; do
    KERAS_BACKEND=jax "$KERAS_PY" tools/bench/bench_keras.py --workload "$1" --samples "$2" --repeats "$REPEATS" --threads "$t" 2>/dev/null \
      | grep '^{' >> "$OUT" || echo "# keras $1 threads $t failed" >&2
  done
}
# whether ONNX Runtime runs workload $1 (ONNX=1, inference workloads only)
onnx_runs() {
  [ "$ONNX" = 1 ] && [[ "$1" == *-infer-* || "$1" == *-latency ]]
}
run_onnxruntime() {
  if onnx_runs "$1"; then
    WORKLOADS="$1" REPEATS="$REPEATS" tools/bench/bench_onnx.sh 2>/dev/null | grep '^{' >> "$OUT" \
      || echo "# onnxruntime $1 failed" >&2
  fi
}
# the machine's FMA throughput just before a framework's turn (a shared VM's ceiling moves): register-only, and
# in the GEMM micro-kernel's shape, which alone falls while the VM's core is shared (docs/performance-log.md, nineteenth round)
# (a JVM whose C2 left the loop's vectors boxed reads about 1 GFLOP/s: such a reading is taken again in a fresh JVM)
ceiling() {
  [ "$CEILING" = 1 ] || return 0
  local out
  for _ in 1 2 3; do
    out="$(java --add-modules jdk.incubator.vector tools/bench/ceiling/FmaCeiling.java "$1" 1 2 2>/dev/null)" || continue
    if awk -F'"gflops": ' '{ split($2, g, /[,}]/); if (g[1] + 0 < 10) boxed = 1 } END { exit boxed }' <<< "$out"; then
      sed "s/}\$/, \"before\": \"$2\"}/" <<< "$out" >> "$OUT"
      return 0
    fi
  done
  echo "# FMA ceiling failed (or boxed) three times before $2 on $1" >&2
}
FRAMEWORKS=(airfoil pytorch keras onnxruntime)
for w in $WORKLOADS; do
  n="$SAMPLES"; [[ "$w" == convnet-train* ]] && n="$CONV_SAMPLES"
  for round in $(seq "$ROUNDS"); do
    # the frameworks take turns going first (whoever runs first in a round can meet a quieter machine)
    order=()
    for i in "${!FRAMEWORKS[@]}"; do
      order+=("${FRAMEWORKS[$(( (i + round - 1) % ${#FRAMEWORKS[@]} ))]}")
    done
    echo "# $w (samples $n, round $round of $ROUNDS: ${order[*]})" >&2
    for f in "${order[@]}"; do
      if [ "$f" != onnxruntime ] || onnx_runs "$w"; then ceiling "$w" "$f"; fi
      "run_$f" "$w" "$n"
    done
  done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 tools/bench/compare_table.py "$OUT"
# issue 9's targets for this run, to stderr (no row for workloads outside the issue, such as the GELU MLP's)
python3 tools/bench/targets.py "$OUT" >&2
