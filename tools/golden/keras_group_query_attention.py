#!/usr/bin/env python3
"""Golden forward values of Keras 3's GroupQueryAttention with fixed weights.

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_group_query_attention.py

Writes core/src/test/resources/golden/group_query_attention.json, read (with layers_seq.json) by
core/src/test/java/dev/airfoil/layers/recurrent/KerasSequenceGoldenTest.java.

The case layout and the way each case runs are keras_layers_seq.run_case's (kind "mha": query,
value[, key] positional; value_mask as value_mask=, the query mask attached to the query tensor;
attention_mask; float32 config, float64 outputs, the float32 twin within 1e-4). The recorded class is
the name Keras writes in files, GroupQueryAttention (the Python class is GroupedQueryAttention).
Cases: several query / key-value head groupings (1, 2 and 4 query heads per key/value head), a
separate key, no biases, causal masks (alone, which Keras sends to its fused causal kernel, and with
other masks), query / value / explicit attention masks, returned scores, and a dropout rate at
inference (Keras's softmax path). Where Keras goes through jax's dot_product_attention (no scores,
no dropout) its float64 output is exact only to ~1e-7; 1e-6 is recorded as the case tolerance.
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
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "group_query_attention.json")
seq.RNG = np.random.default_rng(20261203)
arr = seq.arr


def gqa(**kw):
    return lambda d: L.GroupQueryAttention(dtype=d, **kw)


def case(name, kw, inputs, masks=None, call=None, attention_mask=None):
    call = dict(call or {})
    fused = not call.get("return_attention_scores") and not kw.get("dropout")
    entry = seq.run_case(name, gqa(**kw), inputs, masks=masks, call_kwargs=call, attention_mask=attention_mask,
                         kind="mha", tolerance=1e-6 if fused else None)
    entry["class"] = "GroupQueryAttention"
    return entry


def main():
    B, T, S, D = 2, 4, 5, 6
    q, v, k = arr(B, T, D), arr(B, S, D), arr(B, S, 3)
    qm = np.array([[1, 1, 1, 0], [1, 0, 1, 1]], dtype=bool)
    vm = np.array([[1, 1, 0, 1, 1], [1, 1, 1, 0, 0]], dtype=bool)
    am = seq.RNG.uniform(size=(B, T, S)) < 0.7
    am[:, :, 0] = True
    am_empty_row = am.copy()
    am_empty_row[1, 2, :] = False  # a query with nothing to attend to
    scores = {"return_attention_scores": True}
    causal = {"use_causal_mask": True}
    cases = [
        case("gqa_2_per_group", dict(head_dim=3, num_query_heads=4, num_key_value_heads=2), [q, v]),
        case("gqa_single_kv_head", dict(head_dim=2, num_query_heads=3, num_key_value_heads=1), [q, v], call=scores),
        case("gqa_as_mha", dict(head_dim=2, num_query_heads=2, num_key_value_heads=2), [q, v], call=scores),
        case("gqa_key_no_bias", dict(head_dim=4, num_query_heads=4, num_key_value_heads=1, use_bias=False),
             [q, v, k], call=scores),
        case("gqa_self_causal", dict(head_dim=3, num_query_heads=4, num_key_value_heads=2), [q, q], call=causal),
        case("gqa_self_causal_scores", dict(head_dim=3, num_query_heads=4, num_key_value_heads=2), [q, q],
             call=dict(causal, **scores)),
        case("gqa_value_mask", dict(head_dim=3, num_query_heads=4, num_key_value_heads=2), [q, v], masks=[None, vm]),
        case("gqa_query_value_masks_scores", dict(head_dim=2, num_query_heads=6, num_key_value_heads=3), [q, v],
             masks=[qm, vm], call=scores),
        case("gqa_attention_mask", dict(head_dim=3, num_query_heads=2, num_key_value_heads=1), [q, v],
             attention_mask=am),
        case("gqa_attention_mask_empty_row_scores", dict(head_dim=3, num_query_heads=2, num_key_value_heads=1),
             [q, v], attention_mask=am_empty_row, call=scores),
        case("gqa_attention_mask_empty_row", dict(head_dim=3, num_query_heads=2, num_key_value_heads=1),
             [q, v], attention_mask=am_empty_row),
        case("gqa_causal_and_masks", dict(head_dim=2, num_query_heads=4, num_key_value_heads=2), [q, v, k],
             masks=[qm, vm], attention_mask=am, call=dict(causal, **scores)),
        case("gqa_causal_and_value_mask", dict(head_dim=2, num_query_heads=4, num_key_value_heads=2), [q, q],
             masks=[None, qm], call=causal),
        case("gqa_dropout_inference", dict(head_dim=3, num_query_heads=4, num_key_value_heads=2, dropout=0.3),
             [q, v], attention_mask=am_empty_row),
    ]
    data = {"generator": "tools/golden/keras_group_query_attention.py", "keras_version": keras.__version__,
            "backend": keras.backend.backend(), "cases": cases}
    with open(OUT, "w") as f:
        f.write("{\"generator\": " + json.dumps(data["generator"]) + ", \"keras_version\": "
                + json.dumps(data["keras_version"]) + ", \"backend\": " + json.dumps(data["backend"])
                + ",\n\"cases\": [\n")
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
