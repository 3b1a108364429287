#!/usr/bin/env python3
"""Golden outputs, states and gradients of real Keras 3 ConvLSTM1D, ConvLSTM2D and ConvLSTM3D layers.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_conv_lstm_grads.py

Writes core/src/test/resources/golden/conv_lstm_grads.json in the layout of rnn_cell_grads.json (each case
made by keras_rnn_cell_grads.case: float64 layer, random weights, outputs and states, and the gradient of
sum(flatten(outputs) * probe) with respect to the input and every weight), for several configurations of each
rank: padding, strides, dilation, data_format, return_sequences / return_state, go_backwards, use_bias, activations, and Bidirectional(ConvLSTM2D).
No masks: Keras 3.15.1 (JAX backend) cannot run a ConvLSTM with a mask (its rnn broadcasts the
(batch, 1) step mask against (batch, *spatial, filters) and raises "Incompatible shapes for broadcasting"). Read by KerasRnnCellGradientTest. Deterministic: a rerun writes the same file.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras_rnn_cell_grads as grads  # noqa: E402  (case(); jax x64 through keras_layers_seq)
import keras_layers_seq as seq  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = os.path.join(seq.REPO, "core", "src", "test", "resources", "golden", "conv_lstm_grads.json")
RNG = np.random.default_rng(31)


def arr(*shape):
    return RNG.uniform(-1.0, 1.0, size=shape).round(4)


def main():
    x1 = arr(2, 4, 6, 3)
    x1cf = arr(2, 4, 3, 7)
    x2 = arr(2, 4, 5, 5, 2)
    x2cf = arr(2, 4, 2, 6, 5)
    x3 = arr(2, 4, 4, 3, 4, 1)
    x3cf = arr(2, 4, 2, 3, 5, 3)
    cases = [
        grads.case("conv_lstm1d_same_seq_state", lambda d: L.ConvLSTM1D(
            3, 3, padding="same", return_sequences=True, return_state=True, dtype=d), x1),
        grads.case("conv_lstm1d_strides_back", lambda d: L.ConvLSTM1D(
            2, 2, strides=2, go_backwards=True, dtype=d), x1),
        grads.case("conv_lstm1d_dilation_channels_first_seq", lambda d: L.ConvLSTM1D(
            2, 3, dilation_rate=2, data_format="channels_first", return_sequences=True, dtype=d), x1cf),
        grads.case("conv_lstm2d_valid_seq", lambda d: L.ConvLSTM2D(
            2, 3, return_sequences=True, dtype=d), x2),
        grads.case("conv_lstm2d_same_strides_state", lambda d: L.ConvLSTM2D(
            3, (3, 2), strides=2, padding="same", return_state=True, dtype=d), x2),
        grads.case("conv_lstm2d_dilation_back_seq", lambda d: L.ConvLSTM2D(
            2, 2, dilation_rate=(2, 1), padding="same", go_backwards=True, return_sequences=True, dtype=d), x2),
        grads.case("conv_lstm2d_channels_first_nobias_state", lambda d: L.ConvLSTM2D(
            2, (2, 3), data_format="channels_first", use_bias=False, activation="relu",
            recurrent_activation="hard_sigmoid", return_state=True, dtype=d), x2cf),
        grads.case("conv_lstm3d_valid", lambda d: L.ConvLSTM3D(2, 2, dtype=d), x3),
        grads.case("conv_lstm3d_same_strides_seq_state", lambda d: L.ConvLSTM3D(
            2, (3, 2, 3), strides=(2, 1, 2), padding="same", return_sequences=True, return_state=True, dtype=d), x3),
        grads.case("conv_lstm3d_channels_first_dilation_back", lambda d: L.ConvLSTM3D(
            2, 2, dilation_rate=(1, 2, 1), data_format="channels_first", go_backwards=True, dtype=d), x3cf),
        grads.case("bidirectional_conv_lstm2d_seq", lambda d: L.Bidirectional(L.ConvLSTM2D(
            2, 2, padding="same", return_sequences=True, dtype=d), dtype=d), x2),
    ]
    data = {"generator": "tools/golden/keras_conv_lstm_grads.py", "keras_version": keras.__version__,
            "backend": keras.backend.backend(), "cases": cases}
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
