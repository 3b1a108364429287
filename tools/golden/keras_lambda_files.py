#!/usr/bin/env python3
"""Keras 3 model files with Lambda layers, for Airfoil's named-function import and its refusal of Python code.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_lambda_files.py

Writes core/src/test/resources/golden/keras3-lambda/:
* named_functions.keras / .h5 / .json: a functional model with three Lambda layers whose functions are named
  defs registered with keras.saving.register_keras_serializable(package="airfoil"): "airfoil>scaled_tanh"
  (with arguments {"factor": 0.5}), "airfoil>pair_difference" (two inputs) and "airfoil>row_sums" (with an
  explicit output_shape); the .json holds inputs and Keras's predictions. LambdaFilesTest registers Java
  functions under the same names and predicts the same.
* python_lambda.keras / .h5: a Sequential model whose Lambda holds a Python lambda (Keras stores its
  bytecode); Airfoil must refuse it with a message naming the layer and the fix, never reading the code.
(`date_saved` in the .keras metadata changes on every run; everything else is deterministic.)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden",
                   "keras3-lambda")


@keras.saving.register_keras_serializable(package="airfoil")
def scaled_tanh(x, factor):
    return ops.tanh(x) * factor


@keras.saving.register_keras_serializable(package="airfoil")
def pair_difference(xs):
    return xs[0] - xs[1]


@keras.saving.register_keras_serializable(package="airfoil")
def row_sums(x):
    return ops.sum(x, axis=-1, keepdims=True)


def named_functions():
    a = keras.Input((3, 4), name="a")
    b = keras.Input((3, 4), name="b")
    h = layers.Dense(4, name="proj")(a)
    t = layers.Lambda(scaled_tanh, arguments={"factor": 0.5}, name="tanh_half")(h)
    d = layers.Lambda(pair_difference, name="difference")([t, b])
    s = layers.Lambda(row_sums, output_shape=(3, 1), name="sums")(d)
    return keras.Model([a, b], s, name="named_functions")


def python_lambda():
    return keras.Sequential([keras.Input((4,)), layers.Dense(2, name="dense"),
                             layers.Lambda(lambda x: x * 2.0, name="doubler")], name="python_lambda")


def spec(x):
    return {"dtype": str(x.dtype), "shape": list(x.shape), "values": [repr(float(v)) for v in x.reshape(-1)]}


def main():
    os.makedirs(OUT, exist_ok=True)
    keras.utils.set_random_seed(5)
    model = named_functions()
    rng = np.random.default_rng(5)
    xs = [rng.normal(0.0, 1.0, (2, 3, 4)).astype("float32") for _ in range(2)]
    y = np.asarray(model.predict(xs, verbose=0))
    for ext in (".keras", ".h5"):
        path = os.path.join(OUT, "named_functions" + ext)
        model.save(path)
        again = keras.saving.load_model(path)
        assert np.allclose(y, again.predict(xs, verbose=0), atol=1e-6), ext
    with open(os.path.join(OUT, "named_functions.json"), "w") as f:
        f.write(json.dumps({"_about": {"keras": keras.__version__, "backend": keras.backend.backend()},
                            "inputs": [spec(x) for x in xs], "outputs": [spec(y)]}, indent=1))
    lam = python_lambda()
    for ext in (".keras", ".h5"):
        lam.save(os.path.join(OUT, "python_lambda" + ext))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
