#!/usr/bin/env bash
# Times the MNIST convnet's convolution and pooling layers alone (fused pairs and, unless FUSED_ONLY=1, the
# ops one by one) against the command-line jar or AIRFOIL_JAR. Extra JVM flags: JAVA_OPTS (for example
# -Dairfoil.kernels.threads=1 or -Dairfoil.conv.chunkFloats=65536).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../java-tool.sh" "$HERE/ConvLayerTimes.java"
exec java $AIRFOIL_JVM_FLAGS ${JAVA_OPTS:-} -DfusedOnly="$([ "${FUSED_ONLY:-0}" = 1 ] && echo true || echo false)" \
  -cp "$JAR:$OUT" ConvLayerTimes
