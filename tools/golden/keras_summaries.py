#!/usr/bin/env python3
"""Golden model.summary() texts and parameter tables from real Keras 3.

Run with the Keras venv and the JAX backend (see tools/golden/README.md):

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_summaries.py

Every model is built in a FRESH Python process (this script re-invokes itself
with ``--one NAME``) so automatic layer names start at ``dense``, ``dense_1``,
... and model names at ``sequential`` / ``functional``.

Outputs (under core/src/test/resources/golden/summary/):
  <name>.txt          summary captured with a wide terminal (COLUMNS=200), i.e.
                      Keras' own default line length (88 for "sequential-like"
                      models, 108 for models that get a "Connected to" column)
  cols100/<name>.txt  the same summary captured with COLUMNS=100, where Keras
                      uses min(default, COLUMNS - 4) = 88 or 96
  notty/<name>.txt    captured with stdout piped and COLUMNS unset: the terminal
                      size falls back to 80 columns, so line length 76
  params.json         per model: parameter counts, per-layer table, inbound
                      connections, line length used
  widths.json         per model and terminal width: the line length Keras
                      chose, the widest line, and whether the text captured
                      through print_fn equals what a real (pseudo-)terminal
                      shows after stripping ANSI escapes
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "summary")

MODELS = [
    "sequential_add",
    "sequential_list",
    "functional_flatten",
    "functional_concat",
    "two_inputs",
    "two_outputs",
    "two_in_two_out",
    "sequential_compiled_adam",
    "nested",
    "nested_expanded",
]

# Python source of each model, recorded in params.json for reference.
SOURCES = {}


def build(name):
    import numpy as np
    import keras
    from keras import Input, Model, Sequential
    from keras.layers import Concatenate, Dense, Flatten

    summary_kwargs = {}
    if name == "sequential_add" or name == "sequential_compiled_adam":
        model = Sequential()
        model.add(Input(shape=(28, 28)))
        model.add(Dense(300, activation="relu"))
        model.add(Dense(100, activation="relu"))
        model.add(Dense(10, activation="softmax"))
        if name == "sequential_compiled_adam":
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
            rng = np.random.default_rng(0)
            x = rng.standard_normal((4, 28, 28)).astype("float32")
            # Output is (4, 28, 10) since Dense acts on the last axis.
            y = rng.integers(0, 10, size=(4, 28)).astype("int32")
            model.train_on_batch(x, y)
    elif name == "sequential_list":
        model = Sequential([
            Input(shape=(28, 28), name="Input"),
            Dense(300, activation="relu", name="Dense1"),
            Dense(100, activation="relu", name="Dense2"),
            Dense(10, activation="softmax", name="Dense3"),
        ])
    elif name == "functional_flatten":
        inputs = Input(shape=(28, 28, 1))
        x = Flatten()(inputs)
        x = Dense(300, activation="relu")(x)
        x = Dense(100, activation="relu")(x)
        x = Dense(10, activation="softmax")(x)
        model = Model(inputs, x)
    elif name == "functional_concat":
        input_layer = Input(shape=(28, 28))
        hidden1 = Dense(100, activation="relu")(input_layer)
        hidden2 = Dense(30, activation="relu")(hidden1)
        concat = Concatenate()([input_layer, hidden2])
        output = Dense(1)(concat)
        model = Model(inputs=[input_layer], outputs=[output])
    elif name in ("two_inputs", "two_in_two_out"):
        input_1 = Input(shape=(10, 10), name="Input_1")
        input_2 = Input(shape=(10, 28), name="Input_2")
        hidden1 = Dense(100, activation="relu")(input_2)
        hidden2 = Dense(10, activation="relu")(hidden1)
        concat = Concatenate()([input_1, hidden2])
        if name == "two_inputs":
            output = Dense(1, activation="sigmoid", name="output")(concat)
            model = Model(inputs=[input_1, input_2], outputs=[output])
        else:
            output = Dense(1, activation="sigmoid", name="main_output")(concat)
            sub_output = Dense(1, name="sub_output")(hidden2)
            model = Model(inputs=[input_1, input_2], outputs=[output, sub_output])
    elif name == "two_outputs":
        input_1 = Input(shape=(10, 10), name="Input_1")
        hidden1 = Dense(100, activation="relu")(input_1)
        hidden2 = Dense(10, activation="relu")(hidden1)
        output = Dense(1, activation="sigmoid", name="main_output")(hidden2)
        sub_output = Dense(1, name="sum_output")(hidden2)
        model = Model(inputs=[input_1], outputs=[output, sub_output])
    elif name in ("nested", "nested_expanded"):
        inner = Sequential()
        inner.add(Input(shape=(28, 28)))
        inner.add(Dense(300, activation="relu"))
        inner.add(Dense(100, activation="relu"))
        inner.add(Dense(10, activation="softmax"))
        inp = Input(shape=(28, 28))
        x = inner(inp)
        out = Dense(3)(x)
        model = Model(inp, out)
        summary_kwargs["expand_nested"] = name == "nested_expanded"
    else:
        raise SystemExit("unknown model " + name)
    return model, summary_kwargs


def shape_list(shape):
    return [None if d is None else int(d) for d in shape]


def layer_table(model):
    """One row per summary row (InputLayer rows only for functional models).

    output_shape: shapes of the layer's LAST inbound node, which is what the
    summary prints (a Sequential rebuilds its functional graph on every add(),
    so its layers carry one node per rebuild). inbound: for functional models,
    the connections of the nodes that belong to this model, as in the
    'Connected to' column: [layer name, node_index, tensor_index].
    """
    from keras import tree
    from keras.src.models import Functional, Sequential

    functional = isinstance(model, Functional) and not isinstance(model, Sequential)
    relevant = []
    if functional:
        for v in model._nodes_by_depth.values():
            relevant += v
    rows = []
    layers = model._operations if functional else model.layers
    for layer in layers:
        out_shapes = None
        if layer._inbound_nodes:
            node = layer._inbound_nodes[-1]
            out_shapes = [shape_list(t.shape) for t in tree.flatten(node.output_tensors)]
            if len(out_shapes) == 1:
                out_shapes = out_shapes[0]
        inbound = []
        for node in layer._inbound_nodes:
            if relevant and node not in relevant:
                continue
            for kt in tree.flatten(node.input_tensors):
                h = kt._keras_history
                inbound.append([h.operation.name, h.node_index, h.tensor_index])
        row = {
            "name": layer.name,
            "class": layer.__class__.__name__,
            "output_shape": out_shapes,
            "params": int(layer.count_params()) if layer.built else 0,
            "trainable_params": int(sum(_prod(w.shape) for w in layer.trainable_weights)),
            "non_trainable_params": int(sum(_prod(w.shape) for w in layer.non_trainable_weights)),
            "weights": [{"path": w.path, "shape": shape_list(w.shape), "trainable": bool(w.trainable)}
                        for w in layer.weights],
        }
        if functional:
            row["inbound"] = inbound
        rows.append(row)
    return rows


def _prod(shape):
    p = 1
    for d in shape:
        p *= int(d)
    return p


def one(name):
    """Runs in a fresh process; prints a JSON document on the last stdout line."""
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras
    from keras.src.utils import summary_utils

    model, kw = build(name)
    captured = []
    model.summary(print_fn=lambda s, *a, **k: captured.append(s), **kw)
    text = "".join(captured)

    trainable = int(sum(_prod(w.shape) for w in model.trainable_weights))
    non_trainable = int(sum(_prod(w.shape) for w in model.non_trainable_weights))
    optimizer = 0
    if model.compiled and model.optimizer is not None and model.optimizer.built:
        optimizer = int(sum(_prod(v.shape) for v in model.optimizer.variables))
    doc = {
        "name": name,
        "keras_version": keras.__version__,
        "model_name": model.name,
        "model_class": model.__class__.__name__,
        "summary_kwargs": kw,
        "total_params": trainable + non_trainable + optimizer,
        "model_params": trainable + non_trainable,
        "trainable_params": trainable,
        "non_trainable_params": non_trainable,
        "optimizer_params": optimizer,
        "optimizer_variables": ([{"path": v.path, "shape": shape_list(v.shape)}
                                  for v in model.optimizer.variables] if optimizer else []),
        "inputs": [{"name": t.name, "shape": shape_list(t.shape)} for t in model.inputs],
        "input_layers": [l.name for l in getattr(model, "_layers", [])
                         if l.__class__.__name__ == "InputLayer"],
        "outputs": [{"name": t.name, "shape": shape_list(t.shape)} for t in model.outputs],
        "layers": layer_table(model),
        "text": text,
    }
    if "--terminal" in sys.argv:
        # Print the way a user would: no print_fn, straight to the terminal.
        sys.stdout.write("\n@@@TERMINAL@@@\n")
        sys.stdout.flush()
        model.summary(**kw)
        sys.stdout.flush()
    else:
        sys.stdout.write("\n@@@JSON@@@" + json.dumps(doc) + "\n")


def run_captured(name, columns):
    env = dict(os.environ, KERAS_BACKEND="jax", PYTHONIOENCODING="utf-8", PYTHONHASHSEED="0")
    env.pop("LINES", None)
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", name], stdin=subprocess.DEVNULL,
                         env=env, check=True, capture_output=True, text=True,
                         encoding="utf-8").stdout
    line = [l for l in out.splitlines() if l.startswith("@@@JSON@@@")][-1]
    return json.loads(line[len("@@@JSON@@@"):])


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_pty(name, columns):
    """Runs the model's summary() without print_fn inside a pseudo-terminal of
    the given width; returns the text with ANSI escapes removed."""
    import fcntl
    import pty
    import struct
    import termios

    env = dict(os.environ, KERAS_BACKEND="jax", PYTHONIOENCODING="utf-8",
               PYTHONHASHSEED="0", TERM="xterm-256color")
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__),
                                   "--one", name, "--terminal"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    raw = b"".join(chunks).decode("utf-8")
    raw = raw.replace("\r\n", "\n")
    text = raw.split("@@@TERMINAL@@@\n", 1)[1]
    return ANSI.sub("", text)


def main():
    import importlib.metadata as md

    os.makedirs(os.path.join(OUT, "cols100"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "notty"), exist_ok=True)
    params = {"_about": {
        "keras_version": md.version("keras"),
        "backend": "jax",
        "note": "total_params includes optimizer variables (only for "
                "sequential_compiled_adam); model_params = trainable + non_trainable",
    }}
    widths = {"_about": {
        "rule": "Keras uses line_length = min(default, shutil.get_terminal_size().columns - 4); "
                "default = 88 when the model is 'sequential-like' (3 columns), 108 otherwise "
                "(4 columns incl. 'Connected to'). Column widths: int(p*line_length) - previous "
                "for positions [0.45, 0.80, 1.0] resp. [0.3, 0.56, 0.74, 1.0].",
        "keys": "'200' = COLUMNS=200 (files <name>.txt, Keras' own defaults), '100' = COLUMNS=100 "
                "(cols100/), 'no_tty_no_COLUMNS' = stdout piped and COLUMNS unset, so "
                "shutil.get_terminal_size() falls back to 80 columns and line_length = 76 (notty/)",
        "terminal_check": "pty_equal_to_print_fn: the text printed to a real pseudo-terminal of "
                          "that many columns (no print_fn, ANSI escapes stripped) equals the "
                          "text captured via print_fn with COLUMNS set to the same number",
    }}
    for name in MODELS:
        per_width = {}
        for columns, path in ((200, os.path.join(OUT, name + ".txt")),
                              (100, os.path.join(OUT, "cols100", name + ".txt")),
                              (None, os.path.join(OUT, "notty", name + ".txt"))):
            doc = run_captured(name, columns)
            text = doc.pop("text")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            tty = run_in_pty(name, columns) if columns is not None else None
            lines = text.splitlines()
            table_lines = [l for l in lines if l[:1] in "┏┃┡│├└"]
            key = str(columns) if columns is not None else "no_tty_no_COLUMNS"
            per_width[key] = {
                "file": os.path.relpath(path, OUT),
                "line_length": len(table_lines[0]) if table_lines else None,
                "max_line_chars": max(len(l) for l in lines),
                "lines": len(lines),
            }
            if tty is not None:
                per_width[key]["pty_equal_to_print_fn"] = tty == text
            if tty is not None and tty != text:
                with open(path + ".pty", "w", encoding="utf-8", newline="\n") as f:
                    f.write(tty)
            if columns == 200:
                params[name] = doc
            print(f"{name} {key}: {per_width[key]}")
        widths[name] = per_width
    with open(os.path.join(OUT, "params.json"), "w", encoding="utf-8") as f:
        json.dump(params, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(OUT, "widths.json"), "w", encoding="utf-8") as f:
        json.dump(widths, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    if "--one" in sys.argv:
        one(sys.argv[sys.argv.index("--one") + 1])
    else:
        main()
