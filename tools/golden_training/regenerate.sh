#!/bin/sh
# Regenerates the golden training reference files under
# core/src/test/resources/golden/training/ with real Keras 3.15.1 (JAX backend, CPU).
# Usage (from anywhere):  tools/golden_training/regenerate.sh [losses|metrics|metrics_options|optimizers|fit|fit_options|callbacks ...]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV="$ROOT/.venv-keras"
cd "$ROOT"
flock /tmp/airfoil-venv.lock sh -c 'test -x .venv-keras/bin/python || (python3 -m venv .venv-keras && .venv-keras/bin/pip install --retries 0 keras==3.15.1 jax jaxlib h5py)'
export KERAS_BACKEND=jax JAX_PLATFORMS=cpu PYTHONHASHSEED=0 TF_CPP_MIN_LOG_LEVEL=3
TARGETS=${*:-losses metrics metrics_options optimizers fit fit_options callbacks}
cd "$HERE"
for t in $TARGETS; do
    echo "== gen_$t.py"
    "$VENV/bin/python" -W ignore "gen_$t.py"
done
for f in "$ROOT"/core/src/test/resources/golden/training/*.json; do
    "$VENV/bin/python" -m json.tool "$f" > /dev/null || { echo "invalid JSON: $f" >&2; exit 1; }
done
echo "all golden files parse"
