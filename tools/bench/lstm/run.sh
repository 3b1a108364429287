#!/usr/bin/env bash
# LSTM(128) on 28x28 sequences, side by side: Airfoil (the command-line jar or AIRFOIL_JAR; JAVA_OPTS for
# extra JVM flags), PyTorch from Debian at 1 and 2 threads (TORCH_PY, default /usr/bin/python3) and Keras 3 with
# JAX at its default and one thread (KERAS_PY, default .venv-keras/bin/python).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../java-tool.sh" "$HERE/LstmTimes.java"
java $AIRFOIL_JVM_FLAGS ${JAVA_OPTS:-} -cp "$JAR:$OUT" LstmTimes
for t in 1 2; do "${TORCH_PY:-/usr/bin/python3}" "$ROOT/tools/bench/lstm/lstm_torch.py" "$t"; done
for t in 0 1; do KERAS_BACKEND=jax "${KERAS_PY:-$ROOT/.venv-keras/bin/python}" "$ROOT/tools/bench/lstm/lstm_keras.py" "$t"; done
