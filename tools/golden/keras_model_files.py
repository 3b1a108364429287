"""Compiled and trained Keras 3 model files (`.keras` and legacy `.h5`) for Airfoil's Keras import.

Complements keras_saved_models.py (untrained, uncompiled models) with what it leaves out: models
compiled with different optimizers, losses and metrics and trained for a few steps (so a file carries
optimizer state, BatchNormalization moving statistics that are not 0/1, and a compile config),
attention layers, merging layers on other axes, Permute/RepeatVector, a nested Sequential, a layer
shared by two branches, multi-input/multi-output models, EinsumDense, RMSNormalization and
SpectralNormalization (extra_layers), the generic RNN layer over cells (cell_rnn), and ConvLSTM1D/2D/3D (conv_lstm).

Writes core/src/test/resources/golden/keras3-files/: for each model NAME, `NAME.keras`, `NAME.h5`
(Keras 3's legacy HDF5, `model.save('NAME.h5')`) and `NAME.json` (inputs, Keras's predictions after
training, the layer types, the compile config Keras stored, optimizer included, and model.summary()'s text).
KerasModelFilesTest reads them.

Run: KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_model_files.py [NAME ...]
(names, e.g. `preprocessing`, write only those models.)
(`date_saved` in metadata.json changes on every run; everything else is deterministic.)
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "golden", "keras3-files")


def conv_bn():
    """Conv2D -> BatchNormalization -> pooling, SGD with Nesterov momentum: BN's moving stats move in training."""
    m = keras.Sequential([keras.Input((6, 6, 2)), layers.Conv2D(3, 3, padding="same", activation="relu"),
                          layers.BatchNormalization(momentum=0.5), layers.MaxPooling2D(2),
                          layers.AveragePooling2D(pool_size=(1, 3)), layers.Flatten(),
                          layers.Dense(3, activation="softmax")], name="conv_bn")
    m.compile(optimizer=keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


def conv1d_ln():
    """Conv1D -> LayerNormalization -> Dropout -> GlobalMaxPooling1D, RMSprop and mse/mae."""
    m = keras.Sequential([keras.Input((8, 3)), layers.Conv1D(4, 3, strides=2, activation="tanh"),
                          layers.LayerNormalization(epsilon=1e-4), layers.Dropout(0.4),
                          layers.Conv1D(2, 2, dilation_rate=1, padding="causal"), layers.GlobalMaxPooling1D(),
                          layers.Dense(2)], name="conv1d_ln")
    m.compile(optimizer=keras.optimizers.RMSprop(0.01, rho=0.8), loss="mean_squared_error", metrics=["mae"])
    return m


def attention():
    """Self- and cross-attention: MultiHeadAttention, Attention (scaled), AdditiveAttention."""
    q = keras.Input((4, 6), name="query")
    v = keras.Input((5, 6), name="value")
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha")(q, v)
    dot = layers.Attention(use_scale=True, name="dot_att")([q, v])
    add = layers.AdditiveAttention(name="add_att")([q, v])
    c = layers.Concatenate(axis=-1, name="cat")([mha, dot, add])
    o = layers.GlobalAveragePooling1D(name="gap")(c)
    m = keras.Model([q, v], layers.Dense(2, activation="sigmoid", name="head")(o), name="attention")
    m.compile(optimizer=keras.optimizers.Adam(0.01, beta_1=0.8, beta_2=0.99, amsgrad=True),
              loss="binary_crossentropy", metrics=["binary_accuracy"])
    return m


def merge_axes():
    """Concatenate on axis 1 and -1, Dot on (2, 2) with normalize, Subtract, Maximum, Multiply."""
    a = keras.Input((3, 4), name="a")
    b = keras.Input((3, 4), name="b")
    da = layers.Dense(4, name="da")(a)
    db = layers.Dense(4, activation="softplus", name="db")(b)
    c1 = layers.Concatenate(axis=1, name="cat_steps")([da, db])              # (6, 4)
    c2 = layers.Concatenate(axis=-1, name="cat_feat")([layers.Subtract(name="sub")([da, db]),
                                                       layers.Maximum(name="max")([da, db])])  # (3, 8)
    d = layers.Dot(axes=(2, 2), normalize=True, name="cos")([da, db])        # (3, 3)
    mul = layers.Multiply(name="mul")([da, db])
    avg = layers.Average(name="avg")([da, db, mul])
    flat = layers.Concatenate(name="all")([layers.Flatten()(c1), layers.Flatten()(c2), layers.Flatten()(d),
                                           layers.Flatten()(avg)])
    m = keras.Model([a, b], layers.Dense(3, name="head")(flat), name="merge_axes")
    m.compile(optimizer=keras.optimizers.Adagrad(0.1), loss="huber", metrics=["mse"])
    return m


def reshaping():
    """Reshape, Permute, RepeatVector, Flatten and TimeDistributed(Dense) in a Sequential; Adamax."""
    m = keras.Sequential([keras.Input((12,)), layers.Dense(12, activation="swish"), layers.Reshape((3, 4)),
                          layers.Permute((2, 1)), layers.TimeDistributed(layers.Dense(2, activation="elu")),
                          layers.Flatten(), layers.RepeatVector(3), layers.SimpleRNN(3, activation="tanh"),
                          layers.Dense(2)], name="reshaping")
    m.compile(optimizer=keras.optimizers.Adamax(0.02), loss="mean_absolute_error", metrics=["mse"])
    return m


def shared_nested():
    """A Dense shared by two branches and a nested Sequential applied to both; AdamW."""
    inner = keras.Sequential([keras.Input((5,)), layers.Dense(6, activation="relu"), layers.Dropout(0.2),
                              layers.Dense(4, activation="sigmoid")], name="inner")
    shared = layers.Dense(5, activation="tanh", name="shared")
    a = keras.Input((3,), name="left")
    b = keras.Input((3,), name="right")
    ha = inner(shared(a))
    hb = inner(shared(b))
    o = layers.Dense(1, name="score")(layers.Add(name="sum")([ha, hb]))
    m = keras.Model([a, b], o, name="shared_nested")
    m.compile(optimizer=keras.optimizers.AdamW(0.01, weight_decay=0.05), loss="mean_squared_error")
    return m


def text_rnn():
    """Embedding(mask_zero) -> Bidirectional(GRU, sum) -> LSTM -> Dense; Nadam, categorical crossentropy."""
    m = keras.Sequential([keras.Input((6,), dtype="int32"), layers.Embedding(15, 4, mask_zero=True),
                          layers.Bidirectional(layers.GRU(3, return_sequences=True), merge_mode="sum"),
                          layers.LSTM(4, recurrent_activation="sigmoid"), layers.Dense(3, activation="softmax")],
                         name="text_rnn")
    m.compile(optimizer=keras.optimizers.Nadam(0.01), loss="categorical_crossentropy",
              metrics=["categorical_accuracy"])
    return m


def multi_out():
    """Two inputs, two outputs, per-output losses, loss weights and metrics; Adam."""
    a = keras.Input((4,), name="num")
    t = keras.Input((5,), dtype="int32", name="tok")
    e = layers.GlobalAveragePooling1D(name="pool")(layers.Embedding(10, 3, name="emb")(t))
    h = layers.Dense(6, activation="gelu", name="hidden")(layers.Concatenate(name="join")([a, e]))
    cls = layers.Dense(3, activation="softmax", name="cls")(h)
    reg = layers.Dense(1, name="reg")(h)
    m = keras.Model([a, t], [cls, reg], name="multi_out")
    m.compile(optimizer=keras.optimizers.Adam(0.005), loss=["sparse_categorical_crossentropy", "mean_squared_error"],
              loss_weights=[1.0, 0.5], metrics=[["accuracy"], ["mae"]])
    return m


def preprocessing():
    """Rescaling -> RandomFlip -> RandomContrast (identities in predict) -> Resizing -> CenterCrop -> an adapted
    Normalization -> Dense -> an inverting Normalization with given statistics; SGD. The adapted statistics are weights (mean, variance, int32 count), the given
    ones live in the config."""
    norm = layers.Normalization(name="norm")
    norm.adapt(np.random.default_rng(77).normal(0.5, 2.0, (16, 4, 4, 3)).astype("float32"))
    m = keras.Sequential([keras.Input((9, 8, 3)), layers.Rescaling(1.0 / 127.5, offset=-1.0, name="rescale"),
                          layers.RandomFlip("horizontal", seed=1, name="flip"),
                          layers.RandomContrast(0.2, value_range=(-1.0, 1.0), seed=2, name="contrast"),
                          layers.Resizing(6, 6, name="resize"), layers.CenterCrop(4, 4, name="crop"), norm,
                          layers.Flatten(), layers.Dense(2, name="head"),
                          layers.Normalization(mean=[1.0, -2.0], variance=[4.0, 0.25], invert=True, name="denorm")],
                         name="preprocessing")
    m.compile(optimizer=keras.optimizers.SGD(0.01), loss="mean_squared_error", metrics=["mae"])
    return m


def categorical():
    """A Discretization adapted to 4 bins (counted) and a CategoryEncoding (multi-hot) of integer tokens, joined; SGD.
    Neither has weights: the adapted boundaries live in the config."""
    from keras_preprocessing import stand_in_tensorflow
    stand_in_tensorflow()
    bins = layers.Discretization(num_bins=4, output_mode="count", name="bins")
    bins.adapt(np.random.default_rng(78).normal(0.0, 1.0, (64,)).astype("float32"))
    a = keras.Input((3,), name="values")
    t = keras.Input((2,), dtype="int32", name="tokens")
    joined = layers.Concatenate(name="join")([bins(a), layers.CategoryEncoding(10, name="onehots")(t)])
    m = keras.Model([a, t], layers.Dense(2, name="head")(joined), name="categorical")
    m.compile(optimizer=keras.optimizers.SGD(0.01), loss="mean_squared_error")
    return m


def extra_layers():
    """EinsumDense (a projection to heads with a 2-axis bias, and an ellipsis form), RMSNormalization and a
    SpectralNormalization-wrapped Dense, whose kernel and vector_u training updates, with Adam and mse."""
    m = keras.Sequential([keras.Input((5, 6)),
                          layers.EinsumDense("abc,cde->abde", (5, 2, 3), bias_axes="de", activation="relu"),
                          layers.Reshape((5, 6)), layers.RMSNormalization(),
                          layers.SpectralNormalization(layers.Dense(4, activation="tanh"), power_iterations=2),
                          layers.EinsumDense("...x,xy->...y", 2, bias_axes="y"), layers.GlobalAveragePooling1D(),
                          layers.Dense(2)], name="extra_layers")
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error", metrics=["mae"])
    return m


def adaptive_pool():
    """Every adaptive pooling layer, both data formats, sizes that do not divide and outputs larger than inputs."""
    img = keras.Input((7, 9, 2), name="img")
    seq = keras.Input((11, 3), name="seq")
    vol = keras.Input((5, 4, 3, 1), name="vol")
    a = layers.Conv2D(3, 2, activation="relu", name="conv")(img)
    a = layers.AdaptiveMaxPooling2D((3, 4), name="amax2")(a)
    a = layers.AdaptiveAveragePooling2D(2, data_format="channels_first", name="aavg2")(a)
    b = layers.AdaptiveAveragePooling1D(4, name="aavg1")(seq)
    b = layers.AdaptiveMaxPooling1D(6, name="amax1")(b)
    c = layers.AdaptiveMaxPooling3D((2, 5, 2), name="amax3")(vol)
    c = layers.AdaptiveAveragePooling3D(1, data_format="channels_first", name="aavg3")(c)
    flat = [layers.Flatten(name="flat_" + n)(t) for n, t in (("a", a), ("b", b), ("c", c))]
    o = layers.Dense(2, name="head")(layers.Concatenate(name="join")(flat))
    m = keras.Model([img, seq, vol], o, name="adaptive_pool")
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error")
    return m


def cell_rnn():
    """Generic RNN layers over cells: RNN(LSTMCell) returning sequences, then RNN([GRUCell, SimpleRNNCell])
    (Keras wraps the list in StackedRNNCells) -> Dense; Adam, mse."""
    m = keras.Sequential([keras.Input((5, 3)), layers.RNN(layers.LSTMCell(4), return_sequences=True),
                          layers.RNN([layers.GRUCell(3), layers.SimpleRNNCell(2)]), layers.Dense(2)],
                         name="cell_rnn")
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error")
    return m


def group_query_attention():
    """GroupQueryAttention: cross-attention with 2 query heads per key/value head, then self-attention."""
    q = keras.Input((4, 6), name="query")
    v = keras.Input((5, 6), name="value")
    h = layers.GroupQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2, name="gqa")(q, v)
    h = layers.GroupQueryAttention(head_dim=2, num_query_heads=3, num_key_value_heads=1, use_bias=False,
                                   name="gqa_self")(h, h)
    o = layers.Dense(2, name="head")(layers.GlobalAveragePooling1D(name="gap")(h))
    m = keras.Model([q, v], o, name="group_query_attention")
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error")
    return m


def augmentation():
    """RandomTranslation, RandomZoom and RandomRotation (identities in predict, randomly transforming in fit) before a
    Conv2D -> Flatten -> Dense; Adam, mse."""
    m = keras.Sequential([keras.Input((8, 7, 3)),
                          layers.RandomTranslation(0.2, (-0.1, 0.3), fill_mode="constant", fill_value=0.5, seed=3,
                                                   name="shift"),
                          layers.RandomZoom((-0.2, 0.1), 0.15, interpolation="nearest", seed=4, name="zoom"),
                          layers.RandomRotation(0.05, fill_mode="wrap", seed=5, name="turn"),
                          layers.Conv2D(2, 3, name="conv"), layers.Flatten(), layers.Dense(2, name="head")],
                         name="augmentation")
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error")
    return m


def brightness():
    """RandomBrightness (the identity in predict, random in fit) before Conv2D -> Flatten -> Dense; Adam, mse. `.keras`
    only: Keras 3.15.1 fails to write RandomBrightness into a legacy .h5 ("cannot pickle 'module' object")."""
    m = keras.Sequential([keras.Input((6, 5, 2)),
                          layers.RandomBrightness([-0.1, 0.2], value_range=(-3.0, 3.0), seed=6, name="bright"),
                          layers.Conv2D(2, 3, name="conv"), layers.Flatten(), layers.Dense(2, name="head")],
                         name="brightness")
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error")
    return m


def conv_lstm():
    """ConvLSTM2D (same padding, return_sequences, then strided), ConvLSTM1D (go_backwards, dilation) and
    ConvLSTM3D (channels_first) branches -> Concatenate -> Dense; Adam, mse."""
    frames = keras.Input((3, 6, 6, 2), name="frames")
    seq = keras.Input((4, 7, 3), name="signal")
    vol = keras.Input((2, 2, 3, 4, 3), name="volume")
    a = layers.ConvLSTM2D(3, 3, padding="same", return_sequences=True, name="clstm2d_seq")(frames)
    a = layers.ConvLSTM2D(2, (2, 3), strides=2, name="clstm2d")(a)
    b = layers.ConvLSTM1D(2, 3, dilation_rate=2, go_backwards=True, name="clstm1d")(seq)
    c = layers.ConvLSTM3D(2, 2, data_format="channels_first", name="clstm3d")(vol)
    flat = [layers.Flatten(name=f"flat{i}")(t) for i, t in enumerate((a, b, c))]
    o = layers.Dense(2, name="head")(layers.Concatenate(name="join")(flat))
    m = keras.Model([frames, seq, vol], o, name="conv_lstm")
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error")
    return m


# appended models keep the others' seeds (10 + index); `keras_model_files.py NAME ...` writes only those
MODELS = [conv_bn, conv1d_ln, attention, merge_axes, reshaping, shared_nested, text_rnn, multi_out, preprocessing,
          categorical, extra_layers, adaptive_pool, group_query_attention, cell_rnn,
          augmentation, brightness, conv_lstm]
# Keras 3.15.1 cannot reload its own legacy .h5 of an Attention layer (score_mode 'dot' is resolved to the
# function keras.ops.dot, then rejected), so that model is .keras only; nor can it write a legacy .h5 of a
# RandomBrightness layer ("cannot pickle 'module' object")
NO_LEGACY_H5 = {"attention", "brightness"}


def layer_types(model, out):
    for layer in model.layers:
        out.add(type(layer).__name__)
        if isinstance(layer, keras.Model):
            layer_types(layer, out)
        if hasattr(layer, "layer"):
            out.add(type(layer.layer).__name__)
        if type(layer) is layers.RNN:  # not its subclasses LSTM, GRU, SimpleRNN
            cell = layer.cell
            out.add(type(cell).__name__)
            for c in getattr(cell, "cells", []):
                out.add(type(c).__name__)
    return out


def inputs(model, rng):
    xs = []
    for inp in model.inputs:
        shape = (4,) + tuple(inp.shape[1:])
        if "int" in str(inp.dtype):
            x = rng.integers(1, 10, shape)
            x[1, 3:] = 0  # padding, for the masked model
            xs.append(x.astype("int32"))
        else:
            xs.append(rng.normal(0.0, 1.0, shape).astype("float32"))
    return xs


def targets(model, rng, n):
    ys = []
    for out, loss in zip(model.outputs, model.loss if isinstance(model.loss, list) else [model.loss]):
        shape = (n,) + tuple(out.shape[1:])
        if loss == "sparse_categorical_crossentropy":
            ys.append(rng.integers(0, shape[-1], (n,)).astype("int32"))
        elif loss == "categorical_crossentropy":
            ys.append(np.eye(shape[-1], dtype="float32")[rng.integers(0, shape[-1], (n,))])
        elif loss == "binary_crossentropy":
            ys.append(rng.integers(0, 2, shape).astype("float32"))
        else:
            ys.append(rng.normal(0.0, 1.0, shape).astype("float32"))
    return ys


def spec(x):
    return {"dtype": str(x.dtype), "shape": list(x.shape),
            "values": [repr(float(v)) if x.dtype.kind == "f" else int(v) for v in x.reshape(-1)]}


def one(xs):
    return xs if len(xs) > 1 else xs[0]


def predict(model, xs):
    ys = model.predict(one(xs), verbose=0)
    return [np.asarray(y) for y in (ys if isinstance(ys, (list, tuple)) else [ys])]


def summary(model):
    """model.summary()'s text as print_fn receives it, at Keras's default line length (a wide terminal)."""
    os.environ["COLUMNS"] = "200"
    captured = []
    model.summary(print_fn=lambda text, *a, **k: captured.append(text))
    return "".join(captured)


def compile_config(path):
    import zipfile
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("config.json"))["compile_config"]


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[1:])  # model names, to write just those (each keeps its seed, set by its position)
    for i, make in enumerate(MODELS):
        if only and make.__name__ not in only:
            continue
        keras.utils.set_random_seed(10 + i)
        model = make()
        rng = np.random.default_rng(500 + i)
        train_x = inputs(model, rng)
        train_y = targets(model, rng, 4)
        for _ in range(3):  # a few steps: optimizer state, moving statistics
            model.train_on_batch(one(train_x), one(train_y))
        xs = inputs(model, rng)
        ys = predict(model, xs)
        name = model.name
        for ext in (".keras",) if name in NO_LEGACY_H5 else (".keras", ".h5"):
            path = os.path.join(OUT, name + ext)
            model.save(path)
            again = keras.saving.load_model(path)
            assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(ys, predict(again, xs))), (name, ext)
        doc = {
            "_about": {"keras": keras.__version__, "backend": keras.backend.backend(), "numpy": np.__version__},
            "model": name,
            "layer_types": sorted(layer_types(model, set()) - {"InputLayer"}),
            # as the .keras file stores it (optimizer included; the .h5's training_config holds the same)
            "compile_config": compile_config(os.path.join(OUT, name + ".keras")),
            "inputs": [spec(x) for x in xs],
            "outputs": [spec(y) for y in ys],
            "summary": summary(model),
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            f.write(json.dumps(doc, indent=1))
        print(name, [y.shape for y in ys])


if __name__ == "__main__":
    main()
