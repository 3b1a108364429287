#!/usr/bin/env python3
"""Golden values of Keras 3's adaptive pooling layers: forward outputs and input gradients.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_adaptive_pooling.py

Writes core/src/test/resources/golden/adaptive_pooling.json, read by
core/src/test/java/dev/airfoil/layers/pooling/AdaptivePoolingGoldenTest.java.

A fixed-seed generator draws AdaptiveAveragePooling1D/2D/3D and AdaptiveMaxPooling1D/2D/3D configs
(output_size as an integer or a tuple, channels_last or channels_first) over inputs whose spatial
sizes are often not multiples of the output size and sometimes smaller than it (the bins then
repeat positions). Each case records the layer's Keras config, the input, a cotangent w, and:

  output32, grad32   the float32 layer's output and d sum(output * w) / d input (jax.vjp)
  output64, grad64   the same from the float64 layer

"ties" cases (max only) draw inputs from {0, 1, 2}, so windows hold several maxima and the gradient
shows which one Keras (JAX) picks: pooling one spatial axis after another, the position with the
smallest index along the last spatial axis, then along the one before it.

Note: the bins are PyTorch's (start floor(i * in / out), end ceil((i + 1) * in / out)); checked
against torch.nn.functional.adaptive_avg_pool2d (Debian's torch 1.13) on 3,564 shapes, outputs larger
than inputs included. Only the max gradient's tie order differs (PyTorch: the first maximum in
row-major order). Deterministic: a rerun writes the same file.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import keras_layers_seq as seq  # noqa: E402  (sets up jax x64 and the float64 policy fix)
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "adaptive_pooling.json")
RNG = np.random.default_rng(20261202)


def ri(lo, hi):
    return int(RNG.integers(lo, hi + 1))


def pick(*options):
    return options[int(RNG.integers(len(options)))]


def draw(ties):
    rank = ri(1, 3)
    kind = "Max" if ties else pick("Average", "Max")
    df = pick("channels_last", "channels_first")
    hi = {1: 13, 2: 9, 3: 6}[rank]
    spatial = tuple(ri(1, hi) for _ in range(rank))
    if pick(True, False):
        output_size = ri(1, hi + 2)
    else:
        output_size = tuple(ri(1, s + 3) for s in spatial)
    channels = ri(1, 3)
    shape = (2, *spatial, channels) if df == "channels_last" else (2, channels, *spatial)
    if ties:
        x = RNG.integers(0, 3, size=shape).astype(np.float64)
    else:
        x = RNG.uniform(-1.0, 1.0, size=shape).round(4)
    kw = dict(output_size=output_size, data_format=df)
    return f"Adaptive{kind}Pooling{rank}D", kw, x


def make(cls_name, kw, dtype):
    keras.backend.clear_session()
    return getattr(L, cls_name)(dtype=dtype, **kw)


def case(name, cls_name, kw, x):
    entry = {"name": name, "class": cls_name, "config": seq.clean(make(cls_name, kw, "float32").get_config()),
             "input": seq.tensor(x)}
    w = None
    for dtype in ("float32", "float64"):
        layer = make(cls_name, kw, dtype)
        y, vjp = jax.vjp(lambda v: layer(v), jnp.asarray(x, dtype=dtype))
        if w is None:
            w = RNG.uniform(0.5, 1.5, size=y.shape).round(3)
            entry["w"] = seq.tensor(w)
        suffix = dtype[-2:]
        entry["output" + suffix] = seq.tensor(np.asarray(y))
        entry["grad" + suffix] = seq.tensor(np.asarray(vjp(jnp.asarray(w, dtype=dtype))[0]))
    np.testing.assert_allclose(entry["output32"]["data"], entry["output64"]["data"], atol=1e-5, err_msg=name)
    return entry


def main():
    cases = []
    for i in range(40):
        cases.append(case(f"adaptive_{i:02d}", *draw(False)))
    for i in range(12):
        cases.append(case(f"adaptive_ties_{i:02d}", *draw(True)))
    # the documented examples and the edge shapes, fixed
    fixed = [
        ("AdaptiveAveragePooling2D", dict(output_size=(3, 2)), (2, 7, 5, 2)),
        ("AdaptiveMaxPooling2D", dict(output_size=5, data_format="channels_first"), (1, 2, 3, 3)),
        ("AdaptiveAveragePooling1D", dict(output_size=1), (2, 9, 3)),
        ("AdaptiveMaxPooling3D", dict(output_size=(1, 2, 4)), (1, 1, 3, 2, 2)),
        ("AdaptiveAveragePooling3D", dict(output_size=(2, 3, 2), data_format="channels_first"), (1, 2, 5, 4, 3)),
    ]
    for i, (cls_name, kw, shape) in enumerate(fixed):
        cases.append(case(f"adaptive_fixed_{i:02d}", cls_name, kw, RNG.uniform(-1.0, 1.0, size=shape).round(4)))
    data = {"generator": "tools/golden/keras_adaptive_pooling.py", "keras_version": keras.__version__,
            "jax_version": jax.__version__, "backend": keras.backend.backend()}
    with open(OUT, "w") as f:
        f.write(json.dumps(data)[:-1] + ",\n\"cases\": [\n")
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
