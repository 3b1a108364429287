#!/bin/sh
# Regenerates every golden file under core/src/test/resources/golden/ that the
# scripts in tools/golden/ own. Run from anywhere; needs the Keras venv
# (.venv-keras, created below from the local wheel index) and Debian's
# python3-torch (apt-get install -y python3-torch).
set -eu
cd "$(dirname "$0")/../.."

flock /tmp/airfoil-venv.lock sh -c 'test -x .venv-keras/bin/python || (python3 -m venv .venv-keras && .venv-keras/bin/pip install --retries 0 keras==3.15.1 jax jaxlib h5py)'

export KERAS_BACKEND=jax
export PYTHONHASHSEED=0
export PYTHONIOENCODING=utf-8
PY=.venv-keras/bin/python

"$PY" -c 'import keras, sys; v = keras.__version__; sys.exit(0 if v == "3.15.1" else "expected keras 3.15.1, got " + v)'

"$PY" tools/golden/keras_initializers.py
"$PY" tools/golden/keras_activations.py
"$PY" tools/golden/keras_layers.py
"$PY" tools/golden/keras_layers_extra.py
"$PY" tools/golden/keras_layers_seq.py
"$PY" tools/golden/keras_rnn_cell_grads.py
"$PY" tools/golden/keras_conv_lstm_grads.py
"$PY" tools/golden/keras_layer_fuzz.py
"$PY" tools/golden/keras_adaptive_pooling.py
"$PY" tools/golden/keras_group_query_attention.py
"$PY" tools/golden/keras_model_api.py
"$PY" tools/golden/keras_preprocessing.py
FUZZ_MASKED=1 "$PY" tools/golden/keras_layer_fuzz.py
/usr/bin/python3 tools/golden/torch_ops.py
# Slowest (one fresh process per model and terminal width, ~4 minutes):
"$PY" tools/golden/keras_summaries.py

git status --short -- core/src/test/resources/golden tools/golden
