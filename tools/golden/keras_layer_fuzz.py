#!/usr/bin/env python3
"""Differential fuzzing of layers against real Keras 3: seeded random valid configs.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_layer_fuzz.py
    FUZZ_SEED=2 FUZZ_SCALE=3 FUZZ_OUT=/tmp/fuzz.json ...   # explore more draws (not committed)
    FUZZ_MASKED=1 KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_layer_fuzz.py  # masked file

Writes core/src/test/resources/golden/layers_fuzz.json, read by
core/src/test/java/dev/airfoil/layers/recurrent/KerasLayerFuzzTest.java.

For each layer family a fixed-seed generator draws small random configs (strides, padding,
dilation, groups, data formats, axes, recurrent options, attention options ...). Every draw is
built and called in Keras through keras_layers_seq.run_case (float32 config recorded, float64
outputs recorded, the float32 twin must agree to 1e-4); a draw Keras itself rejects is dropped
and redrawn, so every recorded case is a config Keras accepts. Weights are uniform in
[-0.6, 0.6] except moving variances, drawn in [0.5, 1.5]. BatchNormalization draws called with
training=True also record "weights_after" (the updated moving statistics).

With FUZZ_MASKED=1 the script writes layers_fuzz_masked.json instead (same Java test): recurrent,
Bidirectional, attention and MultiHeadAttention draws get a random input mask (query / value masks for
attention) half the time, every sample keeping at least one step, MultiHeadAttention draws a dropout
rate too (inference calls: it selects Keras's softmax path); TimeDistributed and
GlobalAveragePooling1D get masked inputs; normalization draws take any axis (negative spellings and
lists too). Without the flag no mask is drawn and the RNG stream is that of the unmasked file.

The case layout is that of keras_layers_seq.py. Deterministic: a rerun writes the same file.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import keras_layers_seq as seq  # noqa: E402  (sets up jax x64 and the float64 policy fix)
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
# FUZZ_SEED / FUZZ_SCALE / FUZZ_OUT explore further (another seed, more draws per family, another
# file); the committed file is written with the defaults.
OUT = os.environ.get("FUZZ_OUT") or os.path.join(REPO, "core", "src", "test", "resources", "golden",
                                                 "layers_fuzz.json")
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
MASKED = bool(os.environ.get("FUZZ_MASKED"))
if MASKED and not os.environ.get("FUZZ_OUT"):
    OUT = OUT.replace("layers_fuzz.json", "layers_fuzz_masked.json")

RNG = np.random.default_rng(int(os.environ.get("FUZZ_SEED", "20261201")))
seq.RNG = RNG


def weights_like(layer, scale=0.6):
    """Random weights of the layer's shapes; moving variances positive."""
    out = []
    for w in layer.weights:
        if "variance" in w.path:
            out.append(RNG.uniform(0.5, 1.5, size=w.shape).round(4))
        else:
            out.append((RNG.uniform(-1.0, 1.0, size=w.shape) * scale).round(4))
    return out


seq.weights_like = weights_like


def pick(*options):
    return options[int(RNG.integers(len(options)))]


def ri(lo, hi):
    """Random int in [lo, hi]."""
    return int(RNG.integers(lo, hi + 1))


def x(*shape):
    return seq.arr(*shape)


def tup(n, lo, hi):
    return tuple(ri(lo, hi) for _ in range(n))


ACT = ("linear", "relu", "tanh", "sigmoid", "elu", "softplus")


def spatial_input(rank, channels, data_format, lo=3, hi=6):
    dims = tup(rank, lo, hi)
    return x(2, *dims, channels) if data_format == "channels_last" else x(2, channels, *dims)


def seq_mask(batch, steps):
    """A random (batch, steps) mask with at least one kept step per sample, or None half the time.

    Always None (drawing nothing) without FUZZ_MASKED, so the unmasked file stays as it was."""
    if not MASKED or pick(True, False):
        return None
    m = RNG.uniform(size=(batch, steps)) < 0.7
    m[:, 0] |= ~m.any(axis=1)
    return m


# ---- generators: each returns (make, inputs, kind, call_kwargs[, masks]) ----

def gen_conv(rank):
    def g():
        groups = pick(1, 1, 2)
        filters = groups * ri(1, 2)
        ch = groups * ri(1, 2)
        df = pick("channels_last", "channels_first") if rank > 1 else pick("channels_last", "channels_last",
                                                                            "channels_first")
        pads = ["valid", "same"] + (["causal"] if rank == 1 else [])
        padding = pick(*pads)
        if padding == "causal":
            df = "channels_last"
        strides = tup(rank, 1, 2)
        dil = (1,) * rank if max(strides) > 1 else tup(rank, 1, 2)
        kw = dict(filters=filters, kernel_size=tup(rank, 1, 3), strides=strides, padding=padding, data_format=df,
                  dilation_rate=dil, groups=groups, activation=pick(*ACT), use_bias=pick(True, False))
        cls = {1: L.Conv1D, 2: L.Conv2D, 3: L.Conv3D}[rank]
        hi = {1: 8, 2: 6, 3: 4}[rank]
        return (lambda d: cls(dtype=d, **kw)), [spatial_input(rank, ch, df, 3, hi)], "single", {}
    return g


def gen_conv_transpose(rank):
    def g():
        df = pick("channels_last", "channels_first")
        strides = tup(rank, 1, 3)
        kernel = tup(rank, 1, 3)
        dil = (1,) * rank if max(strides) > 1 else tup(rank, 1, 2)
        op = None
        if pick(True, False) and max(strides) > 1:
            op = tuple(ri(0, s - 1) for s in strides)
        kw = dict(filters=ri(1, 3), kernel_size=kernel, strides=strides, padding=pick("valid", "same"),
                  output_padding=op, data_format=df, dilation_rate=dil, activation=pick(*ACT),
                  use_bias=pick(True, False))
        cls = {1: L.Conv1DTranspose, 2: L.Conv2DTranspose}[rank]
        return (lambda d: cls(dtype=d, **kw)), [spatial_input(rank, ri(1, 3), df, 2, 5)], "single", {}
    return g


def gen_depthwise():
    df = pick("channels_last", "channels_first")
    strides = tup(2, 1, 2)
    dil = (1, 1) if max(strides) > 1 else tup(2, 1, 2)
    kw = dict(kernel_size=tup(2, 1, 3), strides=strides, padding=pick("valid", "same"),
              depth_multiplier=ri(1, 3), data_format=df, dilation_rate=dil, activation=pick(*ACT),
              use_bias=pick(True, False))
    return (lambda d: L.DepthwiseConv2D(dtype=d, **kw)), [spatial_input(2, ri(1, 3), df, 3, 6)], "single", {}


def gen_separable(rank):
    def g():
        df = pick("channels_last", "channels_first")
        strides = tup(rank, 1, 2)
        dil = (1,) * rank if max(strides) > 1 else tup(rank, 1, 2)
        kw = dict(filters=ri(1, 3), kernel_size=tup(rank, 1, 3), strides=strides, padding=pick("valid", "same"),
                  depth_multiplier=ri(1, 2), data_format=df, dilation_rate=dil, activation=pick(*ACT),
                  use_bias=pick(True, False))
        cls = {1: L.SeparableConv1D, 2: L.SeparableConv2D}[rank]
        return (lambda d: cls(dtype=d, **kw)), [spatial_input(rank, ri(1, 3), df, 3, 7)], "single", {}
    return g


def gen_pool():
    rank = ri(1, 3)
    kind = pick("Max", "Average")
    cls = getattr(L, f"{kind}Pooling{rank}D")
    df = pick("channels_last", "channels_first")
    pool = tup(rank, 1, 3)
    strides = pick(None, tup(rank, 1, 3))
    kw = dict(pool_size=pool, strides=strides, padding=pick("valid", "same"), data_format=df)
    return (lambda d: cls(dtype=d, **kw)), [spatial_input(rank, ri(1, 3), df, 3, {1: 7, 2: 6, 3: 4}[rank])], \
        "single", {}


def gen_global_pool():
    rank = ri(1, 3)
    kind = pick("Max", "Average")
    cls = getattr(L, f"Global{kind}Pooling{rank}D")
    df = pick("channels_last", "channels_first")
    kw = dict(data_format=df, keepdims=pick(True, False))
    return (lambda d: cls(dtype=d, **kw)), [spatial_input(rank, ri(1, 3), df, 2, 4)], "single", {}


def gen_resize():
    rank = ri(1, 3)
    op = pick("Cropping", "UpSampling", "ZeroPadding")
    cls = getattr(L, f"{op}{rank}D")
    df = pick("channels_last", "channels_first")
    kw = {} if rank == 1 else {"data_format": df}
    if rank == 1:
        df = "channels_last"
    if op == "Cropping":
        kw["cropping"] = pick(ri(0, 1), tuple((ri(0, 1), ri(0, 2)) for _ in range(rank))) if rank > 1 \
            else pick(ri(0, 1), (ri(0, 1), ri(0, 2)))
    elif op == "ZeroPadding":
        kw["padding"] = pick(ri(0, 2), tup(rank, 0, 2), tuple(tup(2, 0, 2) for _ in range(rank))) if rank > 1 \
            else pick(ri(0, 2), tup(2, 0, 2))
    else:
        kw["size"] = ri(1, 3) if rank == 1 else pick(ri(1, 3), tup(rank, 1, 3))
        if rank == 2:
            kw["interpolation"] = pick("nearest", "bilinear")
    return (lambda d: cls(dtype=d, **kw)), [spatial_input(rank, ri(1, 2), df, 3, {1: 5, 2: 4, 3: 3}[rank])], \
        "single", {}


def gen_norm():
    which = pick("BatchNormalization", "BatchNormalization", "LayerNormalization", "GroupNormalization")
    rank = ri(2, 4)
    shape = [2 if which != "BatchNormalization" else 4] + [ri(2, 4) for _ in range(rank - 1)]
    call = {}
    if which == "BatchNormalization":
        kw = dict(axis=pick(-1, *range(1, rank)), momentum=pick(0.99, 0.9, 0.5), epsilon=pick(1e-3, 1e-5, 0.1),
                  center=pick(True, False), scale=pick(True, False))
        if pick(True, False):
            call = {"training": True}
    elif which == "LayerNormalization":
        axes = list(range(1, rank))
        sub = sorted(RNG.choice(axes, size=ri(1, len(axes)), replace=False).tolist())
        axis = pick(-1, sub if len(sub) > 1 else sub[0], [a - rank for a in sub]) if MASKED \
            else pick(-1, sub if len(sub) > 1 else sub[0])
        kw = dict(axis=axis, epsilon=pick(1e-3, 1e-6, 0.1), center=pick(True, False), scale=pick(True, False),
                  rms_scaling=pick(False, False, True))
    else:
        axis = pick(-1, *range(1, rank), *range(1 - rank, -1)) if MASKED else (pick(-1, 1) if rank > 2 else -1)
        ch_axis = axis % rank
        groups = pick(1, 2, 3)
        shape[ch_axis] = groups * ri(1, 2)
        kw = dict(groups=groups, axis=axis, epsilon=pick(1e-3, 1e-5), center=pick(True, False),
                  scale=pick(True, False))
    cls = getattr(L, which)
    return (lambda d: cls(dtype=d, **kw)), [seq.arr(*shape) * 2 + 0.5], "single", call


def rnn_kwargs(cls):
    kw = dict(units=ri(1, 3), activation=pick("tanh", "tanh", "relu", "sigmoid", "linear"),
              recurrent_activation=pick("sigmoid", "hard_sigmoid", "tanh"), use_bias=pick(True, False),
              return_sequences=pick(True, False), return_state=pick(True, False), go_backwards=pick(True, False),
              unroll=pick(True, False))
    if cls is L.SimpleRNN:
        del kw["recurrent_activation"]
    if cls is L.GRU:
        kw["reset_after"] = pick(True, False)
    return kw


def gen_rnn():
    cls = pick(L.SimpleRNN, L.LSTM, L.GRU)
    kw = rnn_kwargs(cls)
    xs = x(2, ri(1, 4), ri(1, 3))
    return (lambda d: cls(dtype=d, **kw)), [xs], "rnn", {}, [seq_mask(2, xs.shape[1])]


def gen_bidirectional():
    cls = pick(L.SimpleRNN, L.LSTM, L.GRU)
    kw = rnn_kwargs(cls)
    kw["return_state"] = pick(False, False, True)
    kw["unroll"] = False
    merge = pick("concat", "sum", "mul", "ave", None)
    if merge is None:
        kw["return_state"] = False
    xs = x(2, ri(1, 4), ri(1, 3))
    return (lambda d: L.Bidirectional(cls(dtype=d, **kw), merge_mode=merge, dtype=d)), [xs], "rnn", {}, \
        [seq_mask(2, xs.shape[1])]


def gen_attention():
    additive = pick(True, False)
    tq, tv, dim = ri(1, 4), ri(1, 4), ri(1, 3)
    inputs = [x(2, tq, dim), x(2, tv, dim)]
    if pick(True, False):
        inputs.append(x(2, tv, dim))
    call = {}
    if pick(True, False):
        call["return_attention_scores"] = True
    if pick(False, False, True):
        call["use_causal_mask"] = True
    masks = [seq_mask(2, tq), seq_mask(2, tv)] + [None] * (len(inputs) - 2)
    if additive:
        kw = dict(use_scale=pick(True, False))
        return (lambda d: L.AdditiveAttention(dtype=d, **kw)), inputs, "attention", call, masks
    kw = dict(use_scale=pick(True, False), score_mode=pick("dot", "concat"))
    return (lambda d: L.Attention(dtype=d, **kw)), inputs, "attention", call, masks


def gen_mha():
    rank = pick(3, 3, 4)
    heads = ri(1, 3)
    key_dim = ri(1, 3)
    kw = dict(num_heads=heads, key_dim=key_dim, value_dim=pick(None, ri(1, 3)), use_bias=pick(True, False))
    if MASKED:
        kw["dropout"] = pick(0.0, 0.0, 0.5)  # inference calls: dropout only selects Keras's softmax path
    if rank == 4:
        kw["attention_axes"] = pick((1,), (2,), (1, 2))
        q = x(2, ri(1, 3), ri(1, 3), ri(1, 3))
        v = x(2, q.shape[1], q.shape[2], ri(1, 3))
        call = {}
    else:
        if pick(True, False):
            kw["attention_axes"] = (1,)
        q = x(2, ri(1, 4), ri(1, 3))
        v = x(2, ri(1, 4), ri(1, 3))
        call = {}
        if pick(False, True):
            call["use_causal_mask"] = True
    if pick(True, False):
        kw["output_shape"] = pick(ri(1, 3), (ri(1, 3),))
    inputs = [q, v]
    if pick(True, False):
        inputs.append(x(*v.shape[:-1], ri(1, 3)))
    if pick(True, False):
        call["return_attention_scores"] = True
    masks = [seq_mask(2, q.shape[1]), seq_mask(2, v.shape[1])] if rank == 3 else [None, None]
    return (lambda d: L.MultiHeadAttention(dtype=d, **kw)), inputs, "mha", call, masks


def gen_masked_time():
    """TimeDistributed(Dense) or GlobalAveragePooling1D over a masked sequence (FUZZ_MASKED only)."""
    steps = ri(1, 5)
    xs = x(2, steps, ri(1, 3))
    m = RNG.uniform(size=(2, steps)) < 0.6
    m[:, ri(0, steps - 1)] |= ~m.any(axis=1)
    if pick(True, False):
        kw = dict(units=ri(1, 3), activation=pick(*ACT), use_bias=pick(True, False))
        return (lambda d: L.TimeDistributed(L.Dense(dtype=d, **kw), dtype=d)), [xs], "single", {}, [m]
    kw = dict(keepdims=pick(True, False))
    return (lambda d: L.GlobalAveragePooling1D(dtype=d, **kw)), [xs], "single", {}, [m]


def gen_embedding_and_shapes():
    which = pick("Embedding", "Permute", "RepeatVector", "Reshape")
    if which == "Embedding":
        n = ri(2, 6)
        tokens = RNG.integers(0, n, size=(2, ri(1, 4))).astype(np.int32)
        kw = dict(input_dim=n, output_dim=ri(1, 3), mask_zero=pick(True, False))
        return (lambda d: L.Embedding(dtype=d, **kw)), [tokens], "single", {}
    if which == "Permute":
        rank = ri(1, 3)
        dims = tuple(int(v) + 1 for v in RNG.permutation(rank))
        return (lambda d: L.Permute(dims, dtype=d)), [x(2, *tup(rank, 1, 3))], "single", {}
    if which == "RepeatVector":
        n = ri(1, 3)
        return (lambda d: L.RepeatVector(n, dtype=d)), [x(2, ri(1, 3))], "single", {}
    shape = tup(ri(1, 3), 1, 3)
    size = int(np.prod(shape))
    target = list(RNG.permutation(shape)) if pick(True, False) else [size]
    target = [int(v) for v in target]
    if pick(True, False):
        target[ri(0, len(target) - 1)] = -1
    return (lambda d: L.Reshape(tuple(target), dtype=d)), [x(2, *shape)], "single", {}


FAMILIES = [
    ("conv1d", gen_conv(1), 14), ("conv2d", gen_conv(2), 14), ("conv3d", gen_conv(3), 10),
    ("conv1d_transpose", gen_conv_transpose(1), 12), ("conv2d_transpose", gen_conv_transpose(2), 14),
    ("depthwise_conv2d", gen_depthwise, 20),
    ("separable_conv1d", gen_separable(1), 10), ("separable_conv2d", gen_separable(2), 12),
    ("pooling", gen_pool, 30), ("global_pooling", gen_global_pool, 20),
    ("crop_upsample_pad", gen_resize, 36),
    ("normalization", gen_norm, 36),
    ("recurrent", gen_rnn, 36), ("bidirectional", gen_bidirectional, 20),
    ("attention", gen_attention, 24), ("multi_head_attention", gen_mha, 24),
    ("embedding_reshape", gen_embedding_and_shapes, 24),
]
if MASKED:
    FAMILIES = [
        ("normalization", gen_norm, 30), ("recurrent", gen_rnn, 48), ("bidirectional", gen_bidirectional, 30),
        ("attention", gen_attention, 30), ("multi_head_attention", gen_mha, 24),
        ("masked_time", gen_masked_time, 16),
    ]


def bn_weights_after(make, inputs, weights, call):
    keras.backend.clear_session()
    layer = make("float64")
    layer.build(inputs[0].shape)
    layer.set_weights([np.asarray(w, dtype="float64") for w in weights])
    layer(np.asarray(inputs[0], dtype="float64"), **call)
    return [seq.tensor(np.asarray(w)) for w in layer.weights]


def main():
    cases = []
    rejected = 0
    for family, gen, count in FAMILIES:
        made = 0
        while made < count * SCALE:
            make, inputs, kind, call, *masks = gen()
            masks = masks[0] if masks and any(m is not None for m in masks[0]) else None
            name = f"{'masked_' if MASKED else ''}{family}_{made:02d}"
            try:
                entry = seq.run_case(name, make, inputs, masks=masks, call_kwargs=call, kind=kind)
            except Exception as e:  # noqa: BLE001  Keras rejects the draw: redraw
                rejected += 1
                if os.environ.get("FUZZ_VERBOSE"):
                    print(f"  {name}: keras rejected: {type(e).__name__}: {str(e)[:160]}")
                continue
            if any(np.prod(o["shape"]) == 0 for o in entry["outputs"]):
                rejected += 1
                continue
            if call.get("training") and entry["weights"]:
                weights = [np.asarray(w["data"]).reshape(w["shape"]) for w in entry["weights"]]
                entry["weights_after"] = bn_weights_after(make, inputs, weights, call)
            cases.append(entry)
            made += 1
    data = {
        "generator": "tools/golden/keras_layer_fuzz.py",
        "keras_version": keras.__version__,
        "backend": keras.backend.backend(),
        "cases": cases,
    }
    with open(OUT, "w") as f:
        f.write("{\"generator\": " + json.dumps(data["generator"]) + ", \"keras_version\": "
                + json.dumps(data["keras_version"]) + ", \"backend\": " + json.dumps(data["backend"])
                + ",\n\"cases\": [\n")
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {OUT} ({rejected} draws rejected by Keras)")


if __name__ == "__main__":
    main()
