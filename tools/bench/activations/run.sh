#!/usr/bin/env bash
# Training and inference cost of each built-in activation (ActivationCost.java), with the fused float32
# kernels and with the formulas they replaced (-Dairfoil.activations.fused=false), in two JVMs.
#   tools/bench/activations/run.sh                 # every activation listed in ActivationCost
#   tools/bench/activations/run.sh gelu tanh relu  # some
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../java-tool.sh" "$HERE/ActivationCost.java"
for fused in true false; do
  # shellcheck disable=SC2086
  java $AIRFOIL_JVM_FLAGS -Dairfoil.activations.fused="$fused" -cp "$JAR:$OUT" ActivationCost "$@" 2>/dev/null
done
