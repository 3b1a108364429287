#!/usr/bin/env python3
"""Golden forward values of real Keras 3 layers with fixed weights.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_layers.py

Writes core/src/test/resources/golden/layers.json.

Every case builds the layer twice: once with the default float32 dtype policy
(its get_config() is what is recorded, i.e. what a user's layer reports) and
once with dtype="float64" (its outputs are recorded). Weights are set with
set_weights() on both and recorded. The script asserts that the float32 output
agrees with the float64 one to 1e-5 relative/absolute, so the float64 values
are faithful to Keras' float32 behaviour too.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402
from keras.src.backend.common import dtypes as _kdtypes  # noqa: E402

# Keras on JAX maps float64 result types to float32; disable that so the
# float64 twins really compute in float64 (see keras_activations.py).
_kdtypes.BIT64_TO_BIT32_DTYPE["float64"] = "float64"

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "layers.json")

RNG = np.random.default_rng(7)


def arr(*shape, lo=-2.0, hi=2.0):
    """Deterministic values with 4 decimals."""
    return RNG.uniform(lo, hi, size=shape).round(4)


def tensor(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def clean(obj):
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def run_case(name, make, inputs, weights=None, call_kwargs=None, note=None):
    """make(dtype) -> layer. inputs: list of numpy arrays (one per layer input)."""
    call_kwargs = call_kwargs or {}
    results = {}
    configs = {}
    for dtype in ("float32", "float64"):
        # Fresh name counters, so names are "dense", "re_lu", ... and weight
        # paths "dense/kernel" for both twins.
        keras.backend.clear_session()
        layer = make(dtype)
        xs = [np.asarray(x, dtype=dtype) for x in inputs]
        arg = xs if len(xs) > 1 or isinstance(layer, L.Concatenate) or _is_merge(layer) else xs[0]
        if weights is not None:
            layer.build([x.shape for x in xs] if isinstance(arg, list) else xs[0].shape)
            layer.set_weights([np.asarray(w, dtype=dtype) for w in weights])
        y = layer(arg, **call_kwargs)
        results[dtype] = np.asarray(y, dtype=np.float64)
        configs[dtype] = clean(layer.get_config())
        if dtype == "float64":
            assert np.asarray(y).dtype == np.float64, (name, np.asarray(y).dtype)
            weight_info = [{"path": w.path, "shape": list(w.shape)} for w in layer.weights]
            cls = layer.__class__.__name__
    np.testing.assert_allclose(results["float32"], results["float64"], rtol=1e-5, atol=1e-5,
                               err_msg=name)
    entry = {
        "name": name,
        "class": cls,
        "config": configs["float32"],
        "call_kwargs": call_kwargs,
        "inputs": [tensor(x) for x in inputs],
        "weights": [dict(info, **tensor(w)) for info, w in zip(weight_info, weights or [])],
        "output": tensor(results["float64"]),
    }
    if note:
        entry["note"] = note
    return entry


def _is_merge(layer):
    return isinstance(layer, (L.Add, L.Subtract, L.Multiply, L.Average, L.Maximum,
                              L.Minimum, L.Dot, L.Concatenate))


def write_cases(out, cases, layout):
    """Writes a layer golden file: the Keras version and backend, how values were computed, the data
    layout (`layout`) and the cases, as indented JSON."""
    doc = {
        "_about": {
            "keras_version": keras.__version__,
            "backend": keras.backend.backend(),
            "precision": "outputs computed in float64 (layer dtype float64, jax x64); config is the "
                         "default float32 layer's get_config(); float32 run checked to agree to 1e-5",
            "layout": layout,
        },
        "cases": cases,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out}")


def main():
    cases = []
    # Dense
    k23, b3 = arr(3, 4), arr(4)
    cases.append(run_case("dense_2d", lambda d: L.Dense(4, dtype=d), [arr(2, 3)], [k23, b3]))
    cases.append(run_case("dense_3d_last_axis", lambda d: L.Dense(4, dtype=d), [arr(2, 2, 3)],
                          [arr(3, 4), arr(4)], note="Dense contracts the last axis: (2,2,3)->(2,2,4)"))
    cases.append(run_case("dense_relu", lambda d: L.Dense(4, activation="relu", dtype=d), [arr(3, 3)],
                          [arr(3, 4), arr(4)]))
    cases.append(run_case("dense_tanh_no_bias", lambda d: L.Dense(2, activation="tanh", use_bias=False, dtype=d),
                          [arr(2, 5)], [arr(5, 2)]))
    # Shape layers
    cases.append(run_case("flatten", lambda d: L.Flatten(dtype=d), [arr(2, 3, 2, 2)]))
    cases.append(run_case("reshape_3x4", lambda d: L.Reshape((3, 4), dtype=d), [arr(2, 12)]))
    cases.append(run_case("reshape_minus1", lambda d: L.Reshape((-1, 2), dtype=d), [arr(2, 3, 4)]))
    # Merging layers
    cases.append(run_case("concatenate_axis_m1", lambda d: L.Concatenate(axis=-1, dtype=d),
                          [arr(2, 2, 3), arr(2, 2, 1)]))
    cases.append(run_case("concatenate_axis_1", lambda d: L.Concatenate(axis=1, dtype=d),
                          [arr(2, 2, 3), arr(2, 1, 3)]))
    cases.append(run_case("add", lambda d: L.Add(dtype=d), [arr(2, 3), arr(2, 3), arr(2, 3)]))
    cases.append(run_case("subtract", lambda d: L.Subtract(dtype=d), [arr(2, 3), arr(2, 3)]))
    cases.append(run_case("multiply", lambda d: L.Multiply(dtype=d), [arr(2, 3), arr(2, 3), arr(2, 3)]))
    cases.append(run_case("average", lambda d: L.Average(dtype=d), [arr(2, 3), arr(2, 3), arr(2, 3)]))
    cases.append(run_case("maximum", lambda d: L.Maximum(dtype=d), [arr(2, 3), arr(2, 3), arr(2, 3)]))
    cases.append(run_case("minimum", lambda d: L.Minimum(dtype=d), [arr(2, 3), arr(2, 3), arr(2, 3)]))
    cases.append(run_case("dot_axes1", lambda d: L.Dot(axes=1, dtype=d), [arr(2, 3), arr(2, 3)]))
    cases.append(run_case("dot_axes2", lambda d: L.Dot(axes=2, dtype=d), [arr(2, 3, 4), arr(2, 5, 4)],
                          note="batched: (2,3,4)·(2,5,4) over axis 2 -> (2,3,5)"))
    cases.append(run_case("dot_axes1_normalize", lambda d: L.Dot(axes=1, normalize=True, dtype=d),
                          [arr(2, 3), arr(2, 3)], note="cosine similarity: inputs L2-normalized along the axis"))
    cases.append(run_case("dot_axes_1_2", lambda d: L.Dot(axes=(1, 2), dtype=d), [arr(2, 4, 3), arr(2, 5, 4)],
                          note="axes=(1,2): contracts x1 axis 1 with x2 axis 2 -> (2,3,5)"))
    # Regularization (inference)
    cases.append(run_case("dropout_inference", lambda d: L.Dropout(0.5, dtype=d), [arr(2, 5)],
                          call_kwargs={"training": False}, note="identity when training=False"))
    cases.append(run_case("dropout_default_call", lambda d: L.Dropout(0.5, dtype=d), [arr(2, 5)],
                          note="called outside fit(): training defaults to False -> identity"))
    # Activation layers
    x_act = np.array([[-30.0, -6.0, -1.0, -0.5, 0.0, 0.25],
                      [0.5, 0.75, 1.0, 3.0, 6.0, 30.0]])
    cases.append(run_case("relu_layer_all", lambda d: L.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5, dtype=d),
                          [x_act]))
    cases.append(run_case("relu_layer_default", lambda d: L.ReLU(dtype=d), [x_act]))
    cases.append(run_case("leaky_relu_default", lambda d: L.LeakyReLU(dtype=d), [x_act],
                          note="LeakyReLU layer default negative_slope is 0.3 (the function's is 0.2)"))
    cases.append(run_case("leaky_relu_0.1", lambda d: L.LeakyReLU(negative_slope=0.1, dtype=d), [x_act]))
    cases.append(run_case("prelu", lambda d: L.PReLU(dtype=d), [arr(2, 3, 4)], [arr(3, 4, lo=0.0, hi=0.5)],
                          note="alpha has shape input_shape[1:]"))
    cases.append(run_case("prelu_shared_axes1", lambda d: L.PReLU(shared_axes=[1], dtype=d), [arr(2, 3, 4)],
                          [arr(1, 4, lo=0.0, hi=0.5)], note="shared_axes=[1]: alpha shape (1, 4)"))
    cases.append(run_case("elu_default", lambda d: L.ELU(dtype=d), [x_act]))
    cases.append(run_case("elu_alpha0.5", lambda d: L.ELU(alpha=0.5, dtype=d), [x_act]))
    cases.append(run_case("softmax_axis1", lambda d: L.Softmax(axis=1, dtype=d), [arr(2, 3, 4)]))
    cases.append(run_case("softmax_default", lambda d: L.Softmax(dtype=d), [arr(2, 3, 4)]))
    cases.append(run_case("activation_sigmoid", lambda d: L.Activation("sigmoid", dtype=d), [arr(2, 3)]))

    write_cases(OUT, cases, "all data flat row-major; weights in layer.weights order (Dense: kernel "
                            "(in, units) then bias)")


if __name__ == "__main__":
    main()
