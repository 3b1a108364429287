#!/usr/bin/env python3
"""Golden statistics of Keras 3 initializers.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_initializers.py

Writes core/src/test/resources/golden/initializers.json.

Java cannot reproduce JAX's random bits, so for random initializers we record
the config, the shape, the fans Keras computes, the theoretical moments and
bounds, and statistics of one draw (seed fixed, float32 as Keras generates by
default; statistics computed in float64). Deterministic initializers (Zeros,
Ones, Constant, Identity) also record the full values.
"""
import json
import math
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import initializers as I  # noqa: E402
from keras.src.initializers.random_initializers import compute_fans  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "initializers.json")

SEED = 42
SHAPES = [(300, 200), (3, 3, 16, 32)]
TRUNC = 0.87962566103423978  # std of a standard normal truncated to [-2, 2]


def clean(obj):
    """JSON-safe config (tuples -> lists, numpy scalars -> python)."""
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def stats(v):
    v = np.asarray(v, dtype=np.float64)
    flat = v.reshape(-1)
    q = np.quantile(flat, [0.01, 0.25, 0.5, 0.75, 0.99])
    return {
        "count": int(flat.size),
        "mean": float(flat.mean()),
        "std": float(flat.std()),
        "min": float(flat.min()),
        "max": float(flat.max()),
        "abs_mean": float(np.abs(flat).mean()),
        "quantiles_01_25_50_75_99": [float(x) for x in q],
    }


def theory_variance_scaling(shape, scale, mode, distribution):
    fan_in, fan_out = compute_fans(shape)
    if mode == "fan_in":
        n = max(1.0, fan_in)
    elif mode == "fan_out":
        n = max(1.0, fan_out)
    else:
        n = max(1.0, (fan_in + fan_out) / 2.0)
    s = scale / n
    t = {"fan_in": fan_in, "fan_out": fan_out, "n": n, "mean": 0.0}
    if distribution == "truncated_normal":
        param = math.sqrt(s) / TRUNC
        t.update({"normal_stddev_param": param, "std": math.sqrt(s),
                  "min_bound": -2 * param, "max_bound": 2 * param})
    elif distribution == "untruncated_normal":
        t.update({"std": math.sqrt(s)})
    else:
        limit = math.sqrt(3.0 * s)
        t.update({"limit": limit, "std": limit / math.sqrt(3.0),
                  "min_bound": -limit, "max_bound": limit})
    return t


def case(name, init, shape, theory=None, values=False, ortho_gain=None):
    w = np.asarray(init(shape, dtype="float32"))
    assert tuple(w.shape) == tuple(shape)
    entry = {
        "name": name,
        "class": init.__class__.__name__,
        "config": clean(init.get_config()),
        "shape": list(shape),
        "dtype": "float32",
        "stats": stats(w),
    }
    if theory is not None:
        entry["theory"] = theory
    if values:
        entry["values"] = [float(x) for x in w.astype(np.float64).reshape(-1)]
    if ortho_gain is not None:
        m = w.astype(np.float64).reshape(-1, shape[-1])
        rows, cols = m.shape
        if rows >= cols:
            g = m.T @ m
            entry["orthogonality_check"] = "max|W^T W - gain^2 I| with W reshaped to (prod(shape[:-1]), shape[-1])"
        else:
            g = m @ m.T
            entry["orthogonality_check"] = "max|W W^T - gain^2 I| with W reshaped to (prod(shape[:-1]), shape[-1]) (wide case)"
        entry["orthogonality_max_abs_error"] = float(np.abs(g - ortho_gain ** 2 * np.eye(g.shape[0])).max())
    return entry


def main():
    cases = []
    # Deterministic initializers, full values recorded.
    for shape in [(3, 4)]:
        cases.append(case("zeros", I.Zeros(), shape, {"mean": 0.0, "std": 0.0}, values=True))
        cases.append(case("ones", I.Ones(), shape, {"mean": 1.0, "std": 0.0}, values=True))
        cases.append(case("constant_0.3", I.Constant(0.3), shape, {"mean": 0.3, "std": 0.0}, values=True))
    for shape in [(4, 4), (3, 5)]:
        cases.append(case(f"identity_gain2_{shape[0]}x{shape[1]}", I.Identity(gain=2.0), shape,
                          {"definition": "gain * eye(rows, cols)"}, values=True))

    for shape in SHAPES:
        tag = "x".join(str(d) for d in shape)
        fan_in, fan_out = compute_fans(shape)
        cases.append(case(f"random_normal_{tag}", I.RandomNormal(seed=SEED), shape,
                          {"mean": 0.0, "std": 0.05}))
        cases.append(case(f"random_normal_mean1_std2_{tag}",
                          I.RandomNormal(mean=1.0, stddev=2.0, seed=SEED), shape,
                          {"mean": 1.0, "std": 2.0}))
        cases.append(case(f"random_uniform_{tag}", I.RandomUniform(seed=SEED), shape,
                          {"mean": 0.0, "std": 0.1 / math.sqrt(12), "min_bound": -0.05, "max_bound": 0.05}))
        cases.append(case(f"random_uniform_m1_3_{tag}",
                          I.RandomUniform(minval=-1.0, maxval=3.0, seed=SEED), shape,
                          {"mean": 1.0, "std": 4.0 / math.sqrt(12), "min_bound": -1.0, "max_bound": 3.0}))
        cases.append(case(f"truncated_normal_{tag}", I.TruncatedNormal(seed=SEED), shape,
                          {"mean": 0.0, "normal_stddev_param": 0.05, "std": 0.05 * TRUNC,
                           "min_bound": -0.1, "max_bound": 0.1}))
        for mode in ("fan_in", "fan_out", "fan_avg"):
            for dist in ("truncated_normal", "untruncated_normal", "uniform"):
                cases.append(case(f"variance_scaling_2_{mode}_{dist}_{tag}",
                                  I.VarianceScaling(scale=2.0, mode=mode, distribution=dist, seed=SEED),
                                  shape, theory_variance_scaling(shape, 2.0, mode, dist)))
        named = [
            ("glorot_uniform", I.GlorotUniform(seed=SEED), 1.0, "fan_avg", "uniform"),
            ("glorot_normal", I.GlorotNormal(seed=SEED), 1.0, "fan_avg", "truncated_normal"),
            ("he_normal", I.HeNormal(seed=SEED), 2.0, "fan_in", "truncated_normal"),
            ("he_uniform", I.HeUniform(seed=SEED), 2.0, "fan_in", "uniform"),
            ("lecun_normal", I.LecunNormal(seed=SEED), 1.0, "fan_in", "truncated_normal"),
            ("lecun_uniform", I.LecunUniform(seed=SEED), 1.0, "fan_in", "uniform"),
        ]
        for nm, init, scale, mode, dist in named:
            th = theory_variance_scaling(shape, scale, mode, dist)
            th["equivalent"] = f"VarianceScaling(scale={scale}, mode={mode}, distribution={dist})"
            cases.append(case(f"{nm}_{tag}", init, shape, th))
    for shape in [(300, 200), (200, 300), (3, 3, 16, 32)]:
        tag = "x".join(str(d) for d in shape)
        rows = int(np.prod(shape[:-1]))
        cols = shape[-1]
        th = {"mean": 0.0, "std": 1.5 / math.sqrt(max(rows, cols)),
              "note": "std ~= gain / sqrt(max(rows, cols)) for (rows, cols) = (prod(shape[:-1]), shape[-1])"}
        cases.append(case(f"orthogonal_gain1.5_{tag}", I.Orthogonal(gain=1.5, seed=SEED), shape, th,
                          ortho_gain=1.5))

    doc = {
        "_about": {
            "keras_version": keras.__version__,
            "backend": keras.backend.backend(),
            "seed": SEED,
            "dtype": "values generated as float32 (Keras default floatx); stats computed in float64",
            "stats": "mean/std (population, ddof=0)/min/max/abs_mean/quantiles over all elements of one draw",
            "theory": "expected moments/bounds; for truncated normals 'normal_stddev_param' is the "
                      "stddev passed to the truncated normal (values cut at +-2 of it) and 'std' the "
                      "resulting std (param * 0.87962566103423978)",
        },
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
