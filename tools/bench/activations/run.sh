#!/usr/bin/env bash
# Training and inference cost of each built-in activation (ActivationCost.java), with the fused float32
# kernels and with the formulas they replaced (-Dairfoil.activations.fused=false), in two JVMs.
#   tools/bench/activations/run.sh                 # every activation listed in ActivationCost
#   tools/bench/activations/run.sh gelu tanh relu  # some
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
JAR="${AIRFOIL_JAR:-cli/target/airfoil-cli.jar}"
[ -f "$JAR" ] || ./airfoil --version >/dev/null
source tools/java-opts.sh
for fused in true false; do
  # shellcheck disable=SC2086
  java $AIRFOIL_JVM_FLAGS -Dairfoil.activations.fused="$fused" -cp "$JAR" tools/bench/activations/ActivationCost.java "$@" 2>/dev/null
done
