"""Independent reference for keras-h5/simple_lstm (the file has no `predictions/` group).

Recomputes the Keras 2.0.6 model (LSTM(50, recurrent_activation=hard_sigmoid) -> Dense(1)) in NumPy
float64 from the weights in the .h5 file, with Keras 2's formula hard_sigmoid(x) = clip(0.2 x + 0.5, 0, 1)
and Keras's gate order (i, f, c, o). Writes
core/src/test/resources/keras-h5/simple_lstm_tf_keras_2_reference.json.

Run: .venv-keras/bin/python tools/golden/keras_h5_lstm_reference.py
"""
import json
import os

import h5py
import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "keras-h5")
NAME = "simple_lstm_tf_keras_2"


def hard_sigmoid_keras2(x):
    return np.clip(0.2 * x + 0.5, 0.0, 1.0)


def main():
    with h5py.File(os.path.join(ROOT, NAME + "_model.h5"), "r") as f:
        w = f["model_weights"]
        kernel = w["lstm_1/lstm_1/kernel:0"][()].astype(np.float64)
        rec = w["lstm_1/lstm_1/recurrent_kernel:0"][()].astype(np.float64)
        bias = w["lstm_1/lstm_1/bias:0"][()].astype(np.float64)
        dk = w["dense_1/dense_1/kernel:0"][()].astype(np.float64)
        db = w["dense_1/dense_1/bias:0"][()].astype(np.float64)
    with h5py.File(os.path.join(ROOT, NAME + "_inputs_and_outputs.h5"), "r") as f:
        x = f["inputs/lstm_1_input"][()].astype(np.float64)
    units = rec.shape[0]
    h = np.zeros((x.shape[0], units))
    c = np.zeros((x.shape[0], units))
    for t in range(x.shape[1]):
        z = x[:, t, :] @ kernel + h @ rec + bias
        i = hard_sigmoid_keras2(z[:, :units])
        fg = hard_sigmoid_keras2(z[:, units:2 * units])
        g = np.tanh(z[:, 2 * units:3 * units])
        o = hard_sigmoid_keras2(z[:, 3 * units:])
        c = fg * c + i * g
        h = o * np.tanh(c)
    y = h @ dk + db
    out = {"source": NAME + "_model.h5", "formula": "Keras 2 hard_sigmoid clip(0.2x+0.5,0,1), float64",
           "output_name": "dense_1", "shape": list(y.shape), "values": [float(v) for v in y.reshape(-1)]}
    with open(os.path.join(ROOT, NAME + "_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", NAME + "_reference.json", y.shape)


if __name__ == "__main__":
    main()
