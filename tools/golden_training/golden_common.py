"""Shared helpers for the golden-file generators (Keras 3.15.1, JAX backend).

All generators import this module first: it pins the backend to JAX on CPU,
float32 (no x64), and provides a deterministic, human-diffable JSON writer.
"""
import math
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import jax  # noqa: E402
import keras  # noqa: E402

EXPECTED_KERAS = "3.15.1"

if keras.__version__ != EXPECTED_KERAS:
    sys.exit(f"expected keras {EXPECTED_KERAS}, found {keras.__version__}")
if keras.backend.backend() != "jax":
    sys.exit("run with KERAS_BACKEND=jax")

OUT_DIR = os.path.normpath(
    os.path.join(
        os.path.dirname(os.path.abspath(__file__)),
        "..", "..", "core", "src", "test", "resources", "golden", "training",
    )
)


def meta(description):
    return {
        "generator": "tools/golden_training/" + os.path.basename(sys.argv[0]),
        "keras_version": keras.__version__,
        "jax_version": jax.__version__,
        "numpy_version": np.__version__,
        "backend": "jax (CPU)",
        "floatx": keras.backend.floatx(),
        "epsilon": float(np.float32(keras.backend.epsilon())),
        "number_format": (
            "Floats are the exact value Keras produced (float32 unless noted), "
            "written as the shortest decimal that round-trips as float64. "
            "Float.parseFloat or (float) Double.parseDouble give the exact "
            "float32 back. NaN/Infinity/-Infinity are written as strings."
        ),
        "description": description,
    }


def jsonable(x):
    """Converts numpy/jax/keras values to plain JSON-able Python values."""
    if x is None or isinstance(x, str):
        return x
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        v = float(x)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        arr = np.asarray(x)
        return jsonable(arr.tolist())
    if hasattr(x, "numpy"):
        return jsonable(np.asarray(x))
    return repr(x)


def _is_leaf_list(v):
    return isinstance(v, list) and all(
        not isinstance(e, (dict, list)) or _is_leaf_list(e) for e in v
    ) and not any(isinstance(e, dict) for e in v)


def _dump(v, indent, level, out):
    pad = " " * (indent * level)
    pad1 = " " * (indent * (level + 1))
    if isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        out.append("{\n")
        items = list(v.items())
        for i, (k, val) in enumerate(items):
            out.append(pad1 + _scalar(str(k)) + ": ")
            _dump(val, indent, level + 1, out)
            out.append(",\n" if i < len(items) - 1 else "\n")
        out.append(pad + "}")
    elif isinstance(v, list):
        if _is_leaf_list(v) and _flat_len(v) <= 64:
            out.append(_inline(v))
            return
        if not v:
            out.append("[]")
            return
        out.append("[\n")
        for i, val in enumerate(v):
            out.append(pad1)
            _dump(val, indent, level + 1, out)
            out.append(",\n" if i < len(v) - 1 else "\n")
        out.append(pad + "]")
    else:
        out.append(_scalar(v))


def _flat_len(v):
    if isinstance(v, list):
        return sum(_flat_len(e) for e in v)
    return 1


def _inline(v):
    if isinstance(v, list):
        return "[" + ", ".join(_inline(e) for e in v) + "]"
    return _scalar(v)


def _scalar(v):
    import json

    if isinstance(v, float):
        return repr(v)
    return json.dumps(v)


def metric_trace(m, batches, y_true_field, y_pred_field, weighted):
    """A fresh Keras metric's result after each of two batches' update_state (with the batch's
    sample_weight when weighted), its variables after the second, and its result after reset_state;
    the error instead when Keras raises."""
    out = {}
    try:
        after = []
        for b in batches:
            m.update_state(b[y_true_field], b[y_pred_field], sample_weight=b["sample_weight"] if weighted else None)
            after.append(np.asarray(m.result()))
        out["result_after_batch_1"] = after[0]
        out["result"] = after[1]
        out["variables"] = {v.name: np.asarray(v) for v in m.variables}
        m.reset_state()
        out["result_after_reset"] = np.asarray(m.result())
    except Exception as e:
        out["error"] = f"{type(e).__name__}: {e}"
    return out


def write_json(name, obj):
    obj = jsonable(obj)
    out = []
    _dump(obj, 1, 0, out)
    text = "".join(out) + "\n"
    import json

    json.loads(text)  # sanity: must parse
    path = os.path.join(OUT_DIR, name)
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)
    print(f"wrote {path} ({len(text)} bytes)")


def f32(a):
    return np.asarray(a, dtype=np.float32)


def rounded_uniform(rng, low, high, shape, decimals=3):
    """Fixed-random float32 data with short decimals (easy to read)."""
    return f32(np.round(rng.uniform(low, high, size=shape), decimals))


def rounded_normal(rng, scale, shape, decimals=3):
    return f32(np.round(rng.normal(0.0, scale, size=shape), decimals))
