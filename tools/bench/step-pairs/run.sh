#!/usr/bin/env bash
# Same-JVM step pairs: the seed MLP trains in one JVM while one static field of the library switches
# between two values every few steps (see src/dev/airfoil/tools/StepPairs.java).
#   tools/bench/step-pairs/run.sh BATCH PAIRS CLASS FIELD A B [STEPS_PER_GROUP]
#   e.g. tools/bench/step-pairs/run.sh 32 400 dev.airfoil.tensor.kernels.GemmPool someStaticInt 0 1
#   BATCH as predict:1000 times predict on batches of 1000 (inference) instead of training steps; as fit:128
#   runs each group of steps as one unshuffled fit call (fit's own batch slicing timed too).
# JVM flags go in JFLAGS (e.g. JFLAGS=-Dairfoil.kernels.threads=1; JFLAGS=-Dmodel=mlpgelu for GELU hidden layers). Builds cli/target/airfoil-cli.jar first.
# Calibration (fourteenth round, batch 32, two threads, one field set to the same value on both sides):
# A/B median 0.996, quartiles 0.946-1.033 over 400 pairs of 8 steps. Unlike tools/bench/same-jvm-ab, both
# sides run one class, so the JIT cannot compile them differently; it measures steady state only (a
# change that costs the JIT's warm-up shows in fresh-JVM runs, not here).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
mvn -q -o -B package -DskipTests -pl cli -am
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
jar=cli/target/airfoil-cli.jar
javac -nowarn -cp "$jar" -d "$out" "$here"/src/dev/airfoil/tools/StepPairs.java
java --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xms128m ${JFLAGS:-} -cp "$out:$jar" \
  dev.airfoil.tools.StepPairs "$@" 2>/dev/null
