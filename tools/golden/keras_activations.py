#!/usr/bin/env python3
"""Golden values and gradients of every keras.activations function.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_activations.py

Writes core/src/test/resources/golden/activations.json.

Precision: JAX x64 is enabled (jax_enable_x64) and keras floatx is float64, so
inputs, outputs and gradients are float64. The gradient recorded is
d(sum(f(x) * w))/dx computed by jax.grad, for a fixed random weight w of the
output's shape. At kink points (listed per case under "kinks") the gradient is
whatever JAX's implementation gives there (a one-sided derivative or a
convention); tests may compare there or skip those elements.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx("float64")
from keras import activations as A  # noqa: E402
from keras.src.backend.common import dtypes as _kdtypes  # noqa: E402

# Keras 3 on JAX maps every float64 *result type* to float32
# (keras/src/backend/common/dtypes.py BIT64_TO_BIT32_DTYPE, "to be aligned with
# JAX's default behavior"), even with jax x64 enabled and floatx float64, so
# e.g. activations.tanh(float64 array) returns float32. We first record which
# functions do that, then disable the mapping so the goldens are computed by
# the same Keras code in float64.
_ORIG_F64 = _kdtypes.BIT64_TO_BIT32_DTYPE["float64"]


def _allow_float64(allow):
    _kdtypes.BIT64_TO_BIT32_DTYPE["float64"] = "float64" if allow else _ORIG_F64

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "activations.json")

# 4x6 input: negatives, zeros, kink points (0, +-0.5, +-1, +-3, 6), large +-30.
X = np.array([
    [-30.0, -6.0, -3.0, -2.5, -1.0, -0.5],
    [0.0, 0.5, 1.0, 3.0, 6.0, 30.0],
    [-0.25, 0.1, 2.0, -1.5, 4.5, 7.0],
    [0.7312, -0.2217, 1.3, -4.2, 0.05, 2.9],
], dtype=np.float64)

# (case name, function name, params, kink points)
CASES = [
    ("celu", "celu", {}, [0.0]),
    ("celu_alpha0.5", "celu", {"alpha": 0.5}, [0.0]),
    ("elu", "elu", {}, [0.0]),
    ("elu_alpha0.5", "elu", {"alpha": 0.5}, [0.0]),
    ("exponential", "exponential", {}, []),
    ("gelu", "gelu", {}, []),
    ("gelu_approximate", "gelu", {"approximate": True}, []),
    ("glu", "glu", {}, []),
    ("glu_axis0", "glu", {"axis": 0}, []),
    ("hard_shrink", "hard_shrink", {}, [-0.5, 0.5]),
    ("hard_shrink_threshold1", "hard_shrink", {"threshold": 1.0}, [-1.0, 1.0]),
    ("hard_sigmoid", "hard_sigmoid", {}, [-3.0, 3.0]),
    ("hard_silu", "hard_silu", {}, [-3.0, 3.0]),
    ("hard_swish", "hard_swish", {}, [-3.0, 3.0]),
    ("hard_tanh", "hard_tanh", {}, [-1.0, 1.0]),
    ("leaky_relu", "leaky_relu", {}, [0.0]),
    ("leaky_relu_slope0.1", "leaky_relu", {"negative_slope": 0.1}, [0.0]),
    ("linear", "linear", {}, []),
    ("log_sigmoid", "log_sigmoid", {}, []),
    ("log_softmax", "log_softmax", {}, []),
    ("log_softmax_axis0", "log_softmax", {"axis": 0}, []),
    ("mish", "mish", {}, []),
    ("relu", "relu", {}, [0.0]),
    ("relu_negative_slope0.1", "relu", {"negative_slope": 0.1}, [0.0]),
    ("relu_max_value6", "relu", {"max_value": 6.0}, [0.0, 6.0]),
    ("relu_threshold0.5", "relu", {"threshold": 0.5}, [0.5]),
    ("relu_all", "relu", {"negative_slope": 0.1, "max_value": 6.0, "threshold": 0.5}, [0.5, 6.0]),
    ("relu6", "relu6", {}, [0.0, 6.0]),
    ("selu", "selu", {}, [0.0]),
    ("sigmoid", "sigmoid", {}, []),
    ("silu", "silu", {}, []),
    ("swish", "swish", {}, []),
    ("soft_shrink", "soft_shrink", {}, [-0.5, 0.5]),
    ("soft_shrink_threshold1", "soft_shrink", {"threshold": 1.0}, [-1.0, 1.0]),
    ("softmax", "softmax", {}, []),
    ("softmax_axis0", "softmax", {"axis": 0}, []),
    ("softplus", "softplus", {}, []),
    ("softsign", "softsign", {}, [0.0]),
    ("sparse_plus", "sparse_plus", {}, [-1.0, 1.0]),
    ("sparse_sigmoid", "sparse_sigmoid", {}, [-1.0, 1.0]),
    ("sparsemax", "sparsemax", {}, ["support boundaries (data dependent)"]),
    ("sparsemax_axis0", "sparsemax", {"axis": 0}, ["support boundaries (data dependent)"]),
    ("squareplus", "squareplus", {}, []),
    ("squareplus_b1", "squareplus", {"b": 1.0}, []),
    ("tanh", "tanh", {}, []),
    ("tanh_shrink", "tanh_shrink", {}, []),
    ("threshold_0.5_m1", "threshold", {"threshold": 0.5, "default_value": -1.0}, [0.5]),
    ("threshold_m1_0", "threshold", {"threshold": -1.0, "default_value": 0.0}, [-1.0]),
]


def flat(a):
    a = np.asarray(a, dtype=np.float64)
    out = []
    for v in a.reshape(-1):
        v = float(v)
        if np.isnan(v):
            out.append("NaN")
        elif np.isinf(v):
            out.append("Infinity" if v > 0 else "-Infinity")
        else:
            out.append(v)
    return out


def tensor(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "data": flat(a)}


def main():
    listed = sorted(n for n in dir(A) if not n.startswith("_") and callable(getattr(A, n))
                    and n not in ("get", "serialize", "deserialize"))
    covered = sorted({c[1] for c in CASES})
    missing = [n for n in listed if n not in covered]
    if missing:
        raise SystemExit(f"activations not covered: {missing}")

    x = jnp.asarray(X)
    downcast = []
    for name, fn_name, params, kinks in CASES:
        if getattr(A, fn_name)(x, **params).dtype != jnp.float64:
            downcast.append(name)
    _allow_float64(True)

    rng = np.random.default_rng(20240601)
    cases = []
    for name, fn_name, params, kinks in CASES:
        fn = getattr(A, fn_name)
        y = fn(x, **params)
        assert y.dtype == jnp.float64, (name, y.dtype)
        w = rng.uniform(-1.0, 1.0, size=y.shape).round(6)
        wj = jnp.asarray(w)
        g = jax.grad(lambda t: jnp.sum(fn(t, **params) * wj))(x)
        g = np.asarray(g)
        entry = {
            "name": name,
            "function": fn_name,
            "params": params,
            "kinks": kinks,
            "input": tensor(X),
            "output": tensor(y),
            "weight": tensor(w),
            "grad": tensor(g) if np.all(np.isfinite(g)) else None,
        }
        if not np.all(np.isfinite(g)):
            entry["grad_note"] = "gradient not finite somewhere; recorded with NaN/Infinity strings"
            entry["grad"] = tensor(g)
        cases.append(entry)

    doc = {
        "_about": {
            "keras_version": keras.__version__,
            "jax_version": jax.__version__,
            "backend": keras.backend.backend(),
            "precision": "float64 (jax_enable_x64=True, keras floatx float64, and Keras' "
                         "float64->float32 result-type mapping for JAX disabled while generating)",
            "cases_that_unpatched_keras_returns_as_float32": downcast,
            "grad": "d(sum(f(x) * weight))/dx via jax.grad; weight has the output's shape",
            "kinks": "x values where f is not differentiable; the grad there is JAX's convention",
            "functions_in_keras.activations": listed,
        },
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
