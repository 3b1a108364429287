"""Keras 3 model files that carry optimizer state, and Keras's next training step from them.

For each optimizer (Adam, AdamW, SGD with momentum, SGD with Nesterov momentum, RMSprop with
momentum and centered, Adagrad, Adam with amsgrad) a small MLP is compiled, trained for three
`train_on_batch` steps on a fixed batch, then saved as `NAME.keras` and legacy `NAME.h5` (the `optimizer_weights` group). Keras
reloads the `.keras` file and takes one more step on the same batch; `NAME.json` holds the batch,
the optimizer variables as saved (paths and values, in `optimizer.variables` order) and the model
weights after Keras's next step. OptimizerStateKerasFilesTest loads each file in Airfoil, takes the
same step and compares (1e-5).

Writes core/src/test/resources/golden/keras3-optimizer-state/.

Run: KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_optimizer_state.py
(`date_saved` in metadata.json changes on every run; everything else is deterministic.)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, optimizers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden",
                   "keras3-optimizer-state")

OPTIMIZERS = {
    "adam": lambda: optimizers.Adam(0.01),
    "adam_amsgrad": lambda: optimizers.Adam(0.02, beta_1=0.8, amsgrad=True),
    "adamw": lambda: optimizers.AdamW(0.01, weight_decay=0.05),
    "sgd_momentum": lambda: optimizers.SGD(0.05, momentum=0.9),
    "sgd_nesterov": lambda: optimizers.SGD(0.05, momentum=0.5, nesterov=True),
    "rmsprop": lambda: optimizers.RMSprop(0.01, rho=0.8, momentum=0.5, centered=True),
    "adagrad": lambda: optimizers.Adagrad(0.1),
}


def spec(x):
    x = np.asarray(x)
    return {"dtype": str(x.dtype), "shape": list(x.shape),
            "values": [repr(float(v)) if x.dtype.kind == "f" else int(v) for v in x.reshape(-1)]}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    x = rng.normal(size=(8, 3)).astype("float32")
    y = rng.normal(size=(8, 2)).astype("float32")
    for i, (name, make) in enumerate(OPTIMIZERS.items()):
        keras.utils.set_random_seed(40 + i)
        model = keras.Sequential([keras.Input((3,)), layers.Dense(4, activation="tanh"), layers.Dense(2)],
                                 name="mlp_" + name)
        model.compile(optimizer=make(), loss="mean_squared_error")
        for _ in range(3):
            model.train_on_batch(x, y)
        state = [{"path": v.path, **spec(v.numpy())} for v in model.optimizer.variables]
        for ext in (".keras", ".h5"):
            model.save(os.path.join(OUT, name + ext))
        # Keras resumes exactly from its own .keras file. (Not from its .h5: Keras 3.15.1's legacy loader
        # builds the optimizer on the model's own, empty, `_trainable_variables`, so the saved state is
        # dropped and the next train_on_batch fails; Airfoil restores the .h5's optimizer_weights instead.)
        again = keras.saving.load_model(os.path.join(OUT, name + ".keras"))
        again.train_on_batch(x, y)
        model.train_on_batch(x, y)
        expected = [np.asarray(w.numpy()) for w in model.weights]
        assert all(np.allclose(a.numpy(), b, atol=1e-6) for a, b in zip(again.weights, expected)), name
        doc = {
            "_about": {"keras": keras.__version__, "backend": keras.backend.backend(), "numpy": np.__version__},
            "optimizer": name,
            "x": spec(x),
            "y": spec(y),
            "optimizer_variables": state,
            "next_step_weights": [{"path": w.path, **spec(w.numpy())} for w in model.weights],
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(json.dumps(doc, indent=1))
        print(name, [s["path"] for s in state][:4], len(state))


if __name__ == "__main__":
    main()
