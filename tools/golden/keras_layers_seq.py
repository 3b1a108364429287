#!/usr/bin/env python3
"""Golden forward values of real Keras 3 sequence layers (embedding, masking, recurrent,
wrappers, attention) with fixed weights.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_layers_seq.py

Writes core/src/test/resources/golden/layers_seq.json.

As tools/golden/keras_layers.py: every case builds the layer twice, float32 (its get_config()
is recorded) and float64 (its outputs are recorded), with the same weights set by
set_weights(); the two outputs must agree to 1e-4. Each case records:

  class, config           the layer's Keras class name and float32 config
  inputs                  the positional tensors (for recurrent layers: x then initial states;
                          for attention: query, value[, key])
  masks                   one entry per input (null = unmasked) passed as Keras's `mask`
  call_kwargs             other call arguments (return_attention_scores, use_causal_mask,
                          attention_mask is stored under "attention_mask" in inputs_extra)
  weights                 set_weights() arrays with their Keras paths
  outputs                 every output tensor (output, then states / attention scores), flattened
                          (an RNN over StackedRNNCells returns its states grouped per cell)
  output_mask             the layer's compute_mask() result for the first output, when any
                          (recorded for single-input and recurrent layers only)
  MultiHeadAttention masks are passed as value_mask only: Keras 3.15 ignores an explicit
  query_mask argument (it reads the query tensor's own Keras mask instead).
  tolerance               present where Keras itself is less exact than float64: MultiHeadAttention
                          without returned scores goes through jax's dot_product_attention, which
                          agrees with a float64 NumPy evaluation only to ~1e-7
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

_kdtypes.BIT64_TO_BIT32_DTYPE["float64"] = "float64"

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "layers_seq.json")

RNG = np.random.default_rng(11)


def arr(*shape, lo=-1.0, hi=1.0):
    return RNG.uniform(lo, hi, size=shape).round(4)


def tensor(a):
    a = np.asarray(a)
    if a.dtype == bool:
        return {"shape": list(a.shape), "data": [bool(v) for v in a.reshape(-1)], "dtype": "bool"}
    if np.issubdtype(a.dtype, np.integer):
        return {"shape": list(a.shape), "data": [int(v) for v in a.reshape(-1)], "dtype": "int32"}
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


def weights_like(layer, scale=0.6):
    """Random weights of the layer's shapes (after build)."""
    return [arr(*w.shape) * scale for w in layer.weights]


def mha_args(xs, query_mask):
    """(query, value) for MultiHeadAttention, the query mask attached as the query's Keras mask.

    Keras 3.15.1's MultiHeadAttention.call replaces a query_mask argument by the query tensor's own
    Keras mask, so a mask passed as query_mask is ignored; attached to the tensor (as a Masking or
    Embedding(mask_zero) layer before it would) it takes effect. Attached afresh on every call, since
    the call clears it."""
    if query_mask is None:
        return xs[0], xs[1]
    q = keras.ops.convert_to_tensor(xs[0])
    keras.src.backend.set_keras_mask(q, keras.ops.convert_to_tensor(query_mask))
    return q, xs[1]


def nest(flat, groups):
    """Flat states grouped per cell, each cell's as a list (the structure StackedRNNCells.get_initial_state gives)."""
    out, k = [], 0
    for n in groups:
        out.append(list(flat[k:k + n]))
        k += n
    return out


def run_case(name, make, inputs, masks=None, call_kwargs=None, attention_mask=None, kind="rnn",
             weight_scale=0.6, note=None, tolerance=None, state_groups=None):
    """make(dtype) -> layer; kind selects how inputs are passed: rnn, single, attention, mha.

    state_groups: for an RNN over StackedRNNCells, each cell's number of states; the initial states
    (recorded flat, in cell order) are then passed nested per cell, as Keras expects them."""
    call_kwargs = dict(call_kwargs or {})
    masks = masks or [None] * len(inputs)
    results, configs = {}, {}
    weights = None
    for dtype in ("float32", "float64"):
        keras.backend.clear_session()
        layer = make(dtype)
        xs = [np.asarray(x, dtype=dtype) if np.issubdtype(np.asarray(x).dtype, np.floating) else np.asarray(x)
              for x in inputs]
        ms = [None if m is None else np.asarray(m, dtype=bool) for m in masks]
        kw = dict(call_kwargs)
        if kind == "rnn":
            if len(xs) > 1:
                kw["initial_state"] = xs[1:] if state_groups is None else nest(xs[1:], state_groups)
            if ms[0] is not None:
                kw["mask"] = ms[0]
            build = lambda: layer(xs[0], **kw)  # noqa: E731
        elif kind == "single":
            if ms[0] is not None:
                kw["mask"] = ms[0]
            build = lambda: layer(xs[0], **kw)  # noqa: E731
        elif kind == "attention":
            if any(m is not None for m in ms):
                kw["mask"] = ms[:2]
            build = lambda: layer(xs, **kw)  # noqa: E731
        elif kind == "mha":
            if attention_mask is not None:
                kw["attention_mask"] = np.asarray(attention_mask, dtype=bool)
            if len(ms) > 1 and ms[1] is not None:
                kw["value_mask"] = ms[1]
            if len(xs) > 2:
                kw["key"] = xs[2]
            build = lambda: layer(*mha_args(xs, ms[0]), **kw)  # noqa: E731
        build()  # builds the layer
        if weights is None:
            weights = weights_like(layer, weight_scale)
        if weights:
            layer.set_weights([np.asarray(w, dtype=dtype) for w in weights])
        y = build()
        ys = keras.tree.flatten(y)  # an RNN over StackedRNNCells returns its states grouped per cell
        results[dtype] = [np.asarray(v, dtype=np.float64) for v in ys]
        configs[dtype] = clean(layer.get_config())
        if dtype == "float64":
            cls = layer.__class__.__name__
            weight_info = [{"path": w.path, "shape": list(w.shape)} for w in layer.weights]
            out_mask = None
            if kind in ("single", "rnn") and hasattr(layer, "compute_mask"):
                try:
                    cm = layer.compute_mask(xs[0], ms[0])
                    if isinstance(cm, (list, tuple)):
                        cm = cm[0]
                    out_mask = None if cm is None else np.asarray(cm, dtype=bool)
                except Exception:  # noqa: BLE001
                    out_mask = None
    for a, b in zip(results["float32"], results["float64"]):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4, err_msg=name)
    entry = {
        "name": name,
        "class": cls,
        "config": configs["float32"],
        "call_kwargs": call_kwargs,
        "inputs": [tensor(x) for x in inputs],
        "masks": [None if m is None else tensor(np.asarray(m, dtype=bool)) for m in masks],
        "attention_mask": None if attention_mask is None else tensor(np.asarray(attention_mask, dtype=bool)),
        "weights": [dict(info, **tensor(w)) for info, w in zip(weight_info, weights)],
        "outputs": [tensor(v) for v in results["float64"]],
        "output_mask": None if out_mask is None else tensor(out_mask),
    }
    if note:
        entry["note"] = note
    if tolerance:
        entry["tolerance"] = tolerance
    return entry


def main():
    cases = []
    B, T, D = 2, 5, 3
    x = arr(B, T, D)
    mask = np.array([[1, 1, 0, 1, 1], [1, 1, 1, 0, 0]], dtype=bool)
    # Embedding and Masking
    tokens = np.array([[1, 4, 0, 2], [3, 0, 0, 5]], dtype=np.int32)
    cases.append(run_case("embedding", lambda d: L.Embedding(6, 3, dtype=d), [tokens], kind="single"))
    cases.append(run_case("embedding_mask_zero", lambda d: L.Embedding(6, 2, mask_zero=True, dtype=d), [tokens],
                          kind="single"))
    xm = x.copy()
    xm[0, 2, :] = 0.0
    xm[1, 4, :] = 0.0
    cases.append(run_case("masking", lambda d: L.Masking(0.0, dtype=d), [xm], kind="single"))
    # SimpleRNN
    cases.append(run_case("simple_rnn", lambda d: L.SimpleRNN(4, dtype=d), [x]))
    cases.append(run_case("simple_rnn_seq_back", lambda d: L.SimpleRNN(4, return_sequences=True, go_backwards=True,
                                                                         dtype=d), [x]))
    cases.append(run_case("simple_rnn_state_masked", lambda d: L.SimpleRNN(3, return_sequences=True,
                                                                             return_state=True, dtype=d),
                          [x], masks=[mask]))
    cases.append(run_case("simple_rnn_relu_initial_state", lambda d: L.SimpleRNN(3, activation="relu", dtype=d),
                          [x, arr(B, 3)]))
    # LSTM
    cases.append(run_case("lstm", lambda d: L.LSTM(4, dtype=d), [x]))
    cases.append(run_case("lstm_seq_state", lambda d: L.LSTM(3, return_sequences=True, return_state=True, dtype=d),
                          [x]))
    cases.append(run_case("lstm_back_seq", lambda d: L.LSTM(3, return_sequences=True, go_backwards=True, dtype=d),
                          [x]))
    cases.append(run_case("lstm_masked_seq_state", lambda d: L.LSTM(3, return_sequences=True, return_state=True,
                                                                     dtype=d), [x], masks=[mask]))
    cases.append(run_case("lstm_masked_back", lambda d: L.LSTM(3, go_backwards=True, return_state=True, dtype=d),
                          [x], masks=[mask]))
    cases.append(run_case("lstm_hard_sigmoid_no_bias", lambda d: L.LSTM(3, recurrent_activation="hard_sigmoid",
                                                                         use_bias=False, dtype=d), [x],
                          weight_scale=1.5, note="Keras 3 hard_sigmoid = relu6(x + 3) / 6"))
    cases.append(run_case("lstm_initial_state", lambda d: L.LSTM(2, return_state=True, dtype=d),
                          [x, arr(B, 2), arr(B, 2)]))
    cases.append(run_case("lstm_zero_output_for_mask", lambda d: L.LSTM(2, return_sequences=True,
                                                                         zero_output_for_mask=True, dtype=d),
                          [x], masks=[mask]))
    # GRU
    cases.append(run_case("gru", lambda d: L.GRU(4, dtype=d), [x]))
    cases.append(run_case("gru_seq_state", lambda d: L.GRU(3, return_sequences=True, return_state=True, dtype=d),
                          [x]))
    cases.append(run_case("gru_reset_before", lambda d: L.GRU(3, reset_after=False, return_sequences=True, dtype=d),
                          [x]))
    cases.append(run_case("gru_back_masked", lambda d: L.GRU(3, go_backwards=True, return_sequences=True, dtype=d),
                          [x], masks=[mask]))
    cases.append(run_case("gru_initial_state", lambda d: L.GRU(2, return_state=True,
                                                                       dtype=d), [x, arr(B, 2)]))
    cases.append(run_case("gru_reset_before_no_bias", lambda d: L.GRU(2, use_bias=False, reset_after=False,
                                                                      return_sequences=True, dtype=d), [x],
                          note="use_bias=False with reset_after=True trips a float64 dtype bug in Keras's JAX GRU"))
    # Wrappers
    cases.append(run_case("bidirectional_lstm_concat", lambda d: L.Bidirectional(L.LSTM(3, dtype=d), dtype=d), [x]))
    cases.append(run_case("bidirectional_gru_seq_sum", lambda d: L.Bidirectional(
        L.GRU(2, return_sequences=True, dtype=d), merge_mode="sum", dtype=d), [x]))
    cases.append(run_case("bidirectional_rnn_seq_ave_masked", lambda d: L.Bidirectional(
        L.SimpleRNN(2, return_sequences=True, dtype=d), merge_mode="ave", dtype=d), [x], masks=[mask]))
    cases.append(run_case("bidirectional_lstm_mul_state", lambda d: L.Bidirectional(
        L.LSTM(2, return_state=True, dtype=d), merge_mode="mul", dtype=d), [x]))
    cases.append(run_case("bidirectional_gru_none", lambda d: L.Bidirectional(
        L.GRU(2, return_sequences=True, dtype=d), merge_mode=None, dtype=d), [x]))
    cases.append(run_case("time_distributed_dense", lambda d: L.TimeDistributed(L.Dense(2, dtype=d), dtype=d), [x],
                          kind="single"))
    # Attention
    q, v, k = arr(B, 3, 4), arr(B, 5, 4), arr(B, 5, 4)
    qm = np.array([[1, 1, 0], [1, 1, 1]], dtype=bool)
    vm = np.array([[1, 1, 1, 0, 0], [1, 0, 1, 1, 1]], dtype=bool)
    cases.append(run_case("attention_dot", lambda d: L.Attention(dtype=d), [q, v], kind="attention"))
    cases.append(run_case("attention_scale_key_scores", lambda d: L.Attention(use_scale=True, dtype=d), [q, v, k],
                          call_kwargs={"return_attention_scores": True}, kind="attention"))
    cases.append(run_case("attention_concat_masked", lambda d: L.Attention(score_mode="concat", use_scale=True,
                                                                           dtype=d), [q, v],
                          masks=[qm, vm], kind="attention"))
    qs = arr(B, 5, 4)
    cases.append(run_case("attention_causal", lambda d: L.Attention(dtype=d), [qs, v],
                          call_kwargs={"use_causal_mask": True}, kind="attention"))
    cases.append(run_case("additive_attention", lambda d: L.AdditiveAttention(dtype=d), [q, v, k], kind="attention"))
    cases.append(run_case("additive_attention_masked_scores", lambda d: L.AdditiveAttention(use_scale=False,
                                                                                           dtype=d),
                          [q, v], masks=[qm, vm], call_kwargs={"return_attention_scores": True}, kind="attention"))
    qd, vd = arr(B, 3, 5), arr(B, 4, 6)
    cases.append(run_case("mha", lambda d: L.MultiHeadAttention(2, 3, dtype=d), [qd, vd], kind="mha",
                          note="Keras uses dot_product_attention here (not float64-exact)", tolerance=1e-6))
    cases.append(run_case("mha_key_scores_value_dim", lambda d: L.MultiHeadAttention(2, 3, value_dim=2, dtype=d),
                          [qd, vd, arr(B, 4, 3)], call_kwargs={"return_attention_scores": True}, kind="mha"))
    am = np.array([[[1, 1, 0, 1]] * 3, [[1, 0, 1, 1], [1, 1, 1, 1], [0, 1, 1, 1]]], dtype=bool)
    cases.append(run_case("mha_attention_mask_no_bias_output_shape", lambda d: L.MultiHeadAttention(
        3, 2, use_bias=False, output_shape=(7,), dtype=d), [qd, vd], attention_mask=am, kind="mha",
                          note="Keras uses dot_product_attention here (not float64-exact)", tolerance=1e-6))
    cases.append(run_case("mha_self_causal_masked", lambda d: L.MultiHeadAttention(2, 2, dtype=d), [qd, qd],
                          masks=[None, np.array([[1, 1, 0], [1, 1, 1]], dtype=bool)],
                          call_kwargs={"use_causal_mask": True}, kind="mha",
                          note="Keras uses dot_product_attention here (not float64-exact)", tolerance=1e-6))
    # The generic RNN layer over cells (appended last so that the cases above keep their random draws). A list
    # of cells is given as the StackedRNNCells Keras wraps it in, so that the stack takes the float64 dtype too.
    cases.append(run_case("rnn_simple_rnn_cell", lambda d: L.RNN(L.SimpleRNNCell(4, dtype=d), dtype=d), [x]))
    cases.append(run_case("rnn_lstm_cell_seq_state_masked", lambda d: L.RNN(
        L.LSTMCell(3, dtype=d), return_sequences=True, return_state=True, dtype=d), [x], masks=[mask]))
    cases.append(run_case("rnn_gru_cell_back_seq", lambda d: L.RNN(
        L.GRUCell(3, dtype=d), return_sequences=True, go_backwards=True, dtype=d), [x]))
    cases.append(run_case("rnn_gru_cell_reset_before_initial_state", lambda d: L.RNN(
        L.GRUCell(2, reset_after=False, dtype=d), return_state=True, dtype=d), [x, arr(B, 2)]))
    cases.append(run_case("rnn_lstm_cell_zero_output_for_mask", lambda d: L.RNN(
        L.LSTMCell(2, unit_forget_bias=False, dtype=d), return_sequences=True, zero_output_for_mask=True,
        dtype=d), [x], masks=[mask]))
    cases.append(run_case("rnn_stacked_gru_simple_state", lambda d: L.RNN(
        L.StackedRNNCells([L.GRUCell(3, dtype=d), L.SimpleRNNCell(2, dtype=d)], dtype=d), return_state=True, dtype=d), [x]))
    cases.append(run_case("rnn_stacked_lstm_gru_seq_masked", lambda d: L.RNN(
        L.StackedRNNCells([L.LSTMCell(3, dtype=d), L.GRUCell(2, dtype=d)], dtype=d), return_sequences=True, return_state=True, dtype=d),
                          [x], masks=[mask]))
    cases.append(run_case("rnn_stacked_back_masked_initial_state", lambda d: L.RNN(
        L.StackedRNNCells([L.SimpleRNNCell(2, activation="relu", dtype=d), L.LSTMCell(2, dtype=d)], dtype=d),
        go_backwards=True, return_sequences=True, dtype=d), [x, arr(B, 2), arr(B, 2), arr(B, 2)], masks=[mask], state_groups=[1, 2]))
    cases.append(run_case("rnn_stacked_zero_output_for_mask", lambda d: L.RNN(
        L.StackedRNNCells([L.SimpleRNNCell(3, dtype=d), L.SimpleRNNCell(2, dtype=d)], dtype=d), return_sequences=True,
        zero_output_for_mask=True, dtype=d), [x], masks=[mask]))
    cases.append(run_case("bidirectional_rnn_lstm_cell", lambda d: L.Bidirectional(
        L.RNN(L.LSTMCell(2, dtype=d), return_sequences=True, dtype=d), dtype=d), [x], masks=[mask]))
    data = {
        "generator": "tools/golden/keras_layers_seq.py",
        "keras_version": keras.__version__,
        "backend": keras.backend.backend(),
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
