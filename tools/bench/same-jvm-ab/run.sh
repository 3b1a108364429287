#!/usr/bin/env bash
# Same-JVM end-to-end A/B of the Vector API GEMM kernel: the working tree's VectorSgemm against the one
# at an older revision, switched per run inside one JVM (see docs/performance-log.md).
#   tools/bench/same-jvm-ab/run.sh REVISION WORKLOAD SAMPLES ROUNDS [JVM flags...]
#   e.g. tools/bench/same-jvm-ab/run.sh HEAD~1 MLP_TRAIN_128 20000 6 -Dairfoil.kernels.threads=1
# Builds cli/target/airfoil-cli.jar from the working tree first. The old VectorSgemm and GemmPacking
# are copied from REVISION under other names; a KernelsHolder whose fast kernels use the switch shadows
# the library's on the class path (this directory's classes come first).
# UNRELIABLE: A/A runs (REVISION = the working tree's kernel) gave new/old medians of 1.15 (MLP b128 one
# thread, 4 rounds, all in favour of the library's class) and, with the two classes' roles swapped, rounds
# in which whichever side ran first in the round was faster (4 of 4). Before 2026-11-29 20:30 the median of
# an even number of rounds took the upper middle value, which inflated such runs further. Always run an
# A/A next to an A/B and read only differences well beyond it; the isolated-GEMM harness (two kernel
# classes in a plain loop) was checked the same way and stayed within +-7 %.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rev="$1" workload="$2" samples="$3" rounds="$4"
shift 4
cd "$root"
mvn -q -o -B package -DskipTests -pl cli -am
gen="$(mktemp -d)"
trap 'rm -rf "$gen"' EXIT
pkg="$gen/src/dev/airfoil/tensor/kernels"
mkdir -p "$pkg" "$gen/out"
cp "$here"/src/dev/airfoil/tensor/kernels/*.java "$pkg/"
git show "$rev:core/src/main/java/dev/airfoil/tensor/kernels/VectorSgemm.java" \
  | sed 's/class VectorSgemm /class VectorSgemmOld /; s/VectorSgemm(/VectorSgemmOld(/g; s/GemmPacking\./GemmPackingOld./g' > "$pkg/VectorSgemmOld.java"
git show "$rev:core/src/main/java/dev/airfoil/tensor/kernels/GemmPacking.java" \
  | sed 's/class GemmPacking /class GemmPackingOld /; s/GemmPacking\./GemmPackingOld./g; s/GemmPacking(/GemmPackingOld(/g' > "$pkg/GemmPackingOld.java"
sed 's/static final Kernels FAST = FastKernels.best();/static final Kernels FAST = new FastKernels(new Switch(), FastKernels.elementwise(), GemmPool.MIN_WORK);/' \
  core/src/main/java/dev/airfoil/tensor/kernels/KernelsHolder.java > "$pkg/KernelsHolder.java"
jar=cli/target/airfoil-cli.jar
javac -nowarn --add-modules jdk.incubator.vector -cp "$jar" -d "$gen/out" "$pkg"/*.java 2>&1 | grep -v "^Note\|warning" || true
java --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xms128m "$@" -cp "$gen/out:$jar" \
  dev.airfoil.tensor.kernels.E2EAB "$workload" "$samples" "$rounds" 2>/dev/null
