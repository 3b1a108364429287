#!/usr/bin/env python3
"""Golden gradients of real Keras 3 RNN layers over cells (backpropagation through time).

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_rnn_cell_grads.py

Writes core/src/test/resources/golden/rnn_cell_grads.json. Each case builds a float64 layer (jax x64, as
keras_layers_seq.py), sets random weights, and records, for the loss sum(flatten(outputs) * probe) with a
fixed random probe, the gradient with respect to the input and to every weight (jax.grad through
Layer.stateless_call, training=False, with the input mask when given). Layout per case: name, class, config
(float64), inputs, masks, weights (with Keras paths), probe, outputs, grads (input first, then weights in
layer.weights order). Read by KerasRnnCellGradientTest. Deterministic: a rerun writes the same file.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras_layers_seq as seq  # noqa: E402  (jax x64 and the float64 dtype policy fix)
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = os.path.join(seq.REPO, "core", "src", "test", "resources", "golden", "rnn_cell_grads.json")
RNG = np.random.default_rng(29)


def arr(*shape):
    return RNG.uniform(-1.0, 1.0, size=shape).round(4)


def case(name, make, x, mask=None):
    keras.backend.clear_session()
    layer = make("float64")
    layer(x)
    weights = [arr(*w.shape) * 0.6 for w in layer.weights]
    layer.set_weights(weights)
    m = None if mask is None else jnp.asarray(mask)
    fixed = [v.value for v in layer.non_trainable_variables]  # the dropout seed generator's state

    def outputs(ws, xin):
        y, _ = layer.stateless_call(ws, fixed, xin, mask=m, training=False)
        return keras.tree.flatten(y)

    ys = outputs([jnp.asarray(w) for w in weights], jnp.asarray(x))
    probe = arr(sum(int(np.prod(y.shape)) for y in ys))

    def loss(ws, xin):
        flat = jnp.concatenate([y.reshape(-1) for y in outputs(ws, xin)])
        return jnp.sum(flat * probe)

    gw, gx = jax.grad(loss, argnums=(0, 1))([jnp.asarray(w) for w in weights], jnp.asarray(x))
    return {
        "name": name,
        "class": layer.__class__.__name__,
        "config": seq.clean(layer.get_config()),
        "inputs": [seq.tensor(x)],
        "masks": [None if mask is None else seq.tensor(np.asarray(mask, dtype=bool))],
        "weights": [dict({"path": w.path, "shape": list(w.shape)}, **seq.tensor(v))
                    for w, v in zip(layer.weights, weights)],
        "probe": seq.tensor(probe),
        "outputs": [seq.tensor(np.asarray(y)) for y in ys],
        "grads": [seq.tensor(np.asarray(gx))] + [seq.tensor(np.asarray(g)) for g in gw],
    }


def main():
    x = arr(2, 5, 3)
    mask = np.array([[1, 1, 0, 1, 1], [1, 1, 1, 0, 0]], dtype=bool)
    cases = [
        case("simple_rnn_cell_seq", lambda d: L.RNN(L.SimpleRNNCell(3, dtype=d), return_sequences=True, dtype=d),
             x),
        case("lstm_cell_state_masked", lambda d: L.RNN(L.LSTMCell(3, dtype=d), return_state=True, dtype=d),
             x, mask),
        case("gru_cell_back_seq", lambda d: L.RNN(L.GRUCell(2, dtype=d), go_backwards=True, return_sequences=True,
                                                  dtype=d), x),
        case("gru_cell_reset_before", lambda d: L.RNN(L.GRUCell(2, reset_after=False, dtype=d), dtype=d), x),
        case("stacked_lstm_gru_seq_state_masked", lambda d: L.RNN(
            L.StackedRNNCells([L.LSTMCell(3, dtype=d), L.GRUCell(2, dtype=d)], dtype=d), return_sequences=True,
            return_state=True, dtype=d), x, mask),
        case("stacked_simple_back_zero_output", lambda d: L.RNN(
            L.StackedRNNCells([L.SimpleRNNCell(2, dtype=d), L.SimpleRNNCell(3, activation="relu", dtype=d)],
                              dtype=d), go_backwards=True, return_sequences=True, zero_output_for_mask=True,
            dtype=d), x, mask),
    ]
    data = {"generator": "tools/golden/keras_rnn_cell_grads.py", "keras_version": keras.__version__,
            "backend": keras.backend.backend(), "cases": cases}
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
