#!/usr/bin/env bash
# Times the MNIST convnet's convolution and pooling layers alone (fused pairs and, unless FUSED_ONLY=1, the
# ops one by one) against the command-line jar or AIRFOIL_JAR. Extra JVM flags: JAVA_OPTS (for example
# -Dairfoil.kernels.threads=1 or -Dairfoil.conv.chunkFloats=65536).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
JAR="${AIRFOIL_JAR:-$ROOT/cli/target/airfoil-cli.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl cli -am package)
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
javac --add-modules jdk.incubator.vector -cp "$JAR" -d "$OUT" "$ROOT/tools/bench/conv-layers/ConvLayerTimes.java" 2>&1 | grep -v "^warning\|incubator" || true
source "$ROOT/tools/java-opts.sh"
exec java $AIRFOIL_JVM_FLAGS ${JAVA_OPTS:-} -DfusedOnly="$([ "${FUSED_ONLY:-0}" = 1 ] && echo true || echo false)" \
  -cp "$JAR:$OUT" ConvLayerTimes
