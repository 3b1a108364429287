"""Keras 3 `.keras` golden files for Airfoil's Keras import.

Saves small models with real Keras 3.15.1 (JAX backend) into core/src/test/resources/golden/keras3/:
for each model NAME, `NAME.keras` (keras.saving.save_model), `NAME.h5` (Keras 3's legacy HDF5 format) and `NAME.json` with the model's inputs
and Keras's predictions (values as Python repr strings, which Java parses exactly) and the
layer types used. Every weight is set to seeded random values (biases, PReLU alphas and
BatchNormalization moving statistics included) so a weight in the wrong place shows.

KerasSavedModelsTest loads each file: a model whose layer types Airfoil registers must match Keras's
predictions within 1e-5; one with a missing type must fail with "layer type X is not supported".

Run: KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_saved_models.py [MODEL ...] (all by default)
(`date_saved` in metadata.json changes on every run; everything else is deterministic.)
Also writes golden/keras3-hostile/external_link.keras, whose weights file holds an HDF5 external link.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden", "keras3")


def randomize(model, seed):
    rng = np.random.default_rng(seed)
    for v in model.weights:
        shape = tuple(v.shape)
        if "variance" in v.path:
            val = rng.uniform(0.5, 1.5, shape)
        else:
            val = rng.normal(0.0, 0.5, shape)
        v.assign(val.astype(v.dtype))


def mlp():
    return keras.Sequential([keras.Input((8,)), layers.Dense(16, activation="relu"),
                             layers.Dense(8, activation="tanh"), layers.Dense(4, activation="softmax")], name="mlp")


def two_in_two_out():
    a = keras.Input((5,), name="a")
    b = keras.Input((3,), name="b")
    h = layers.Dense(6, activation="relu", name="ha")(a)
    c = layers.Concatenate(name="concat")([h, b])
    o1 = layers.Dense(2, activation="sigmoid", name="out_1")(c)
    o2 = layers.Dense(3, name="out_2")(c)
    return keras.Model([a, b], [o1, o2], name="two_in_two_out")


def activations():
    return keras.Sequential([
        keras.Input((6,)), layers.Dense(10), layers.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.05),
        layers.Dense(10), layers.LeakyReLU(negative_slope=0.2), layers.Dense(10), layers.ELU(alpha=0.7),
        layers.Dense(10), layers.PReLU(), layers.Dense(10), layers.Activation("gelu"),
        layers.Dense(10, activation="selu"), layers.Dense(5), layers.Softmax()], name="activations")


def dropout_reshape():
    return keras.Sequential([
        keras.Input((12,)), layers.Dense(12, activation="elu"), layers.Dropout(0.3), layers.Reshape((3, 4)),
        layers.Flatten(), layers.Dense(2)], name="dropout_reshape")


def merges():
    a = keras.Input((4,), name="x")
    b = keras.Input((4,), name="y")
    ha = layers.Dense(4, name="da")(a)
    hb = layers.Dense(4, name="db")(b)
    outs = [layers.Add()([ha, hb]), layers.Subtract()([ha, hb]), layers.Multiply()([ha, hb]),
            layers.Average()([ha, hb]), layers.Maximum()([ha, hb]), layers.Minimum()([ha, hb]),
            layers.Dot(axes=1)([ha, hb])]
    c = layers.Concatenate()(outs)
    return keras.Model([a, b], layers.Dense(3, name="head")(c), name="merges")


def nested():
    inner = keras.Sequential([keras.Input((4,)), layers.Dense(5, activation="relu"), layers.Dense(3)], name="inner")
    x = keras.Input((4,), name="x")
    y = layers.Dense(2, name="top")(inner(x))
    return keras.Model(x, y, name="nested")


def conv_pool():
    return keras.Sequential([keras.Input((10, 3)), layers.Conv1D(4, 3, padding="same", activation="relu"),
                             layers.MaxPooling1D(2), layers.Flatten(), layers.Dense(2)], name="conv_pool")


def conv2d_bn():
    return keras.Sequential([keras.Input((6, 6, 2)), layers.Conv2D(3, 3), layers.BatchNormalization(),
                             layers.GlobalAveragePooling2D(), layers.Dense(2)], name="conv2d_bn")


def recurrent():
    x = keras.Input((5, 3), name="seq")
    a = layers.LSTM(4, return_sequences=True)(x)
    b = layers.GRU(4)(a)
    c = layers.SimpleRNN(3)(x)
    return keras.Model(x, layers.Concatenate()([b, c]), name="recurrent")


def embedding_norm():
    x = keras.Input((6,), dtype="int32", name="tokens")
    e = layers.Embedding(20, 4)(x)
    n = layers.LayerNormalization()(e)
    return keras.Model(x, layers.Dense(2)(layers.Flatten()(n)), name="embedding_norm")


def masked_lstm():
    """Embedding(mask_zero) -> LSTM: the padded steps are skipped (inputs from padded())."""
    return keras.Sequential([keras.Input((7,), dtype="int32"), layers.Embedding(20, 5, mask_zero=True),
                             layers.LSTM(6), layers.Dense(3, activation="softmax")], name="masked_lstm")


def masked_sequence():
    """Masking -> GRU(return_sequences) -> Dense/BatchNormalization/LayerNormalization (pass the mask on)
    -> TimeDistributed -> GlobalAveragePooling1D (the mean over unmasked steps)."""
    return keras.Sequential([keras.Input((6, 4)), layers.Masking(0.0), layers.GRU(5, return_sequences=True),
                             layers.Dense(4, activation="relu"), layers.BatchNormalization(), layers.LayerNormalization(),
                             layers.Dropout(0.2), layers.TimeDistributed(layers.Dense(3)),
                             layers.GlobalAveragePooling1D(), layers.Dense(2)], name="masked_sequence")


def masked_functional():
    """Two masked token inputs: Add keeps a step where both masks do, Concatenate where either does."""
    a = keras.Input((6,), dtype="int32", name="a")
    b = keras.Input((6,), dtype="int32", name="b")
    sa = layers.LSTM(4, return_sequences=True, name="sa")(layers.Embedding(20, 3, mask_zero=True, name="ea")(a))
    sb = layers.GRU(4, return_sequences=True, name="sb")(layers.Embedding(20, 3, mask_zero=True, name="eb")(b))
    added = layers.Add(name="added")([sa, sb])
    joined = layers.Concatenate(name="joined")([sa, sb])
    o1 = layers.SimpleRNN(3, name="o1")(added)
    o2 = layers.Bidirectional(layers.LSTM(2), name="o2")(joined)
    return keras.Model([a, b], layers.Dense(2, name="head")(layers.Concatenate(name="both")([o1, o2])),
                       name="masked_functional")


def mask_dropped():
    """Conv1D does not support masking: the LSTM after it runs over every step."""
    return keras.Sequential([keras.Input((7,), dtype="int32"), layers.Embedding(20, 4, mask_zero=True),
                             layers.Conv1D(4, 3, padding="same"), layers.LSTM(3), layers.Dense(1)], name="mask_dropped")


def masked_seq2seq():
    """A per-step output that keeps its mask: Keras weights the loss and the accuracy by it (EVALUATE)."""
    return keras.Sequential([keras.Input((6,), dtype="int32"), layers.Embedding(20, 4, mask_zero=True),
                             layers.GRU(5, return_sequences=True), layers.Dense(3, activation="softmax")],
                            name="masked_seq2seq")


def masked_nested():
    """The mask an inner model's Embedding(mask_zero) starts reaches the outer model's LSTM."""
    inner = keras.Sequential([keras.Input((6,), dtype="int32"), layers.Embedding(20, 3, mask_zero=True),
                              layers.GRU(4, return_sequences=True)], name="encoder")
    x = keras.Input((6,), dtype="int32", name="tokens")
    return keras.Model(x, layers.Dense(2, name="head")(layers.LSTM(3, name="summary")(inner(x))), name="masked_nested")


def masked_seq2seq_weighted():
    """masked_seq2seq evaluated with sample weights: the loss, weighted_metrics and the mask combine."""
    m = masked_seq2seq()
    m.name = "masked_seq2seq_weighted"
    return m


def mlp_weighted():
    """A regression MLP evaluated with sample weights: metrics ignore them, weighted_metrics use them."""
    m = mlp()
    m.name = "mlp_weighted"
    return m


MODELS = [mlp, two_in_two_out, activations, dropout_reshape, merges, nested, conv_pool, conv2d_bn, recurrent,
          embedding_norm, masked_lstm, masked_sequence, masked_functional, mask_dropped, masked_seq2seq, masked_nested,
          masked_seq2seq_weighted, mlp_weighted]
# models also compiled and evaluated on integer targets of the output's leading shape: loss and metrics
# (with "sample_weight": evaluated with seeded per-sample weights; "weighted_metrics" see them)
EVALUATE = {"masked_seq2seq": {"loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]},
            "masked_seq2seq_weighted": {"loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"],
                                        "weighted_metrics": ["accuracy"], "sample_weight": True},
            "mlp_weighted": {"loss": "mse", "metrics": ["mae"], "weighted_metrics": ["mae", "mse"],
                             "sample_weight": True, "regression": True}}
# models whose inputs are padded sequences (zeros after each row's length, and one zero inside a row)
PADDED = {"masked_lstm", "masked_sequence", "masked_functional", "mask_dropped", "masked_seq2seq", "masked_nested",
          "masked_seq2seq_weighted"}
NO_LEGACY_H5 = {"masked_functional"}


def padded(rng, shape, ints, k=0):
    """Four rows of lengths 7, 4, 1 and 5 (cut to the row length; the model's k-th input takes them
    rotated by k, so that two inputs' masks differ), zero after the length, and the second row also
    zero at step 1; tokens in 1..19, or for float sequences values whose padded steps are 0."""
    steps = shape[1]
    lengths = [steps, 4, 1, 5]
    lengths = lengths[k:] + lengths[:k]
    x = rng.integers(1, 20, shape) if ints else rng.normal(0.0, 1.0, shape)
    for r, n in enumerate(lengths):
        x[r, min(n, steps):] = 0
    x[1, 1] = 0
    return x.astype("int32" if ints else "float32")


def layer_types(model, out):
    for l in model.layers:
        out.add(type(l).__name__)
        if isinstance(l, keras.Model):
            layer_types(l, out)
    return out


def hostile():
    """A .keras file whose weights file replaces a layer's vars group by an external link to /etc/passwd."""
    import io
    import zipfile

    import h5py
    folder = os.path.join(OUT, "..", "keras3-hostile")
    os.makedirs(folder, exist_ok=True)
    s = keras.Sequential([keras.Input((3,)), layers.Dense(2)], name="hostile")
    buf = io.BytesIO()
    s.save(os.path.join(folder, "tmp.keras"))
    with zipfile.ZipFile(os.path.join(folder, "tmp.keras")) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    os.remove(os.path.join(folder, "tmp.keras"))
    buf.write(entries["model.weights.h5"])
    with h5py.File(buf, "a") as h:
        del h["layers/dense/vars"]
        h["layers/dense/vars"] = h5py.ExternalLink("/etc/passwd", "/x")
    entries["model.weights.h5"] = buf.getvalue()
    with zipfile.ZipFile(os.path.join(folder, "external_link.keras"), "w") as o:
        for n, data in entries.items():
            o.writestr(n, data)


def write_golden(model, name, xs, ys):
    evaluation = None
    if name in EVALUATE:
        spec = EVALUATE[name]
        rng = np.random.default_rng(7)
        if spec.get("regression"):
            target = rng.normal(0.0, 1.0, ys[0].shape).astype("float32")
        else:
            target = rng.integers(0, ys[0].shape[-1], ys[0].shape[:-1]).astype("int32")
        # per sample, or per step for a sequence target (Keras 3.15.1 cannot broadcast (batch,) weights over a (batch, steps) mask)
        weights = rng.uniform(0.2, 2.0, target.shape if target.ndim == 2 and not spec.get("regression") else (target.shape[0],))
        weights = weights.astype("float32") if spec.get("sample_weight") else None
        model.compile(optimizer="adam", loss=spec["loss"], metrics=spec["metrics"],
                      weighted_metrics=spec.get("weighted_metrics"))
        logs = model.evaluate(xs if len(xs) > 1 else xs[0], target, sample_weight=weights, batch_size=32, verbose=0,
                              return_dict=True)
        evaluation = {"compile": {k: v for k, v in spec.items() if k in ("loss", "metrics", "weighted_metrics")},
                      "target": {"dtype": str(target.dtype), "shape": list(target.shape),
                                 "values": [repr(float(v)) if target.dtype.kind == "f" else int(v)
                                            for v in target.reshape(-1)]},
                      "logs": {k: repr(float(v)) for k, v in logs.items()}}
        if weights is not None:
            evaluation["sample_weight"] = {"dtype": "float32", "shape": list(weights.shape),
                                           "values": [repr(float(v)) for v in weights.reshape(-1)]}
    doc = {
        "_about": {"keras": keras.__version__, "backend": keras.backend.backend(), "numpy": np.__version__},
        "model": name,
        "layer_types": sorted(layer_types(model, set()) - {"InputLayer"}),
        "inputs": [{"dtype": str(x.dtype), "shape": list(x.shape),
                    "values": [repr(float(v)) if x.dtype.kind == "f" else int(v) for v in x.reshape(-1)]}
                   for inp, x in zip(model.inputs, xs)],
        "outputs": [{"shape": list(np.shape(y)), "values": [repr(float(v)) for v in np.asarray(y).reshape(-1)]}
                    for y in ys],
    }
    if evaluation is not None:
        doc["evaluate"] = evaluation
    # floats as Python repr strings: Double.parseDouble recovers them exactly
    text = json.dumps(doc, indent=1)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        f.write(text)
    print(name, [tuple(np.shape(y)) for y in ys])


def main(only=()):
    os.makedirs(OUT, exist_ok=True)
    keras.utils.set_random_seed(0)
    for i, make in enumerate(MODELS):
        if only and make.__name__ not in only:
            continue
        model = make()
        randomize(model, 100 + i)
        rng = np.random.default_rng(1000 + i)
        xs = []
        for k, inp in enumerate(model.inputs):
            shape = (3,) + tuple(inp.shape[1:])
            if model.name in PADDED:
                xs.append(padded(rng, (4,) + tuple(inp.shape[1:]), "int" in str(inp.dtype), k))
            elif "int" in str(inp.dtype):
                xs.append(rng.integers(0, 20, shape).astype("int32"))
            else:
                xs.append(rng.normal(0.0, 1.0, shape).astype("float32"))
        ys = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
        ys = ys if isinstance(ys, (list, tuple)) else [ys]
        name = model.name
        model.save(os.path.join(OUT, name + ".keras"))
        # the saved file must reload in Keras with the same predictions
        again = keras.saving.load_model(os.path.join(OUT, name + ".keras"))
        ys2 = again.predict(xs if len(xs) > 1 else xs[0], verbose=0)
        ys2 = ys2 if isinstance(ys2, (list, tuple)) else [ys2]
        assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(ys, ys2)), name
        # the same model in Keras 3's legacy HDF5 format (model_config + model_weights, like Keras 2);
        # Keras 3.15.1 cannot reload its own legacy file of a functional model with Embedding(mask_zero)
        # ("Unknown layer: 'NotEqual'"), so that one is .keras only
        if name in NO_LEGACY_H5:
            write_golden(model, name, xs, ys)
            continue
        model.save(os.path.join(OUT, name + ".h5"))
        legacy = keras.saving.load_model(os.path.join(OUT, name + ".h5"))
        ys3 = legacy.predict(xs if len(xs) > 1 else xs[0], verbose=0)
        ys3 = ys3 if isinstance(ys3, (list, tuple)) else [ys3]
        assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(ys, ys3)), name
        write_golden(model, name, xs, ys)
    if not only:
        hostile()


if __name__ == "__main__":
    import sys
    main(tuple(sys.argv[1:]))
