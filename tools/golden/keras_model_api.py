#!/usr/bin/env python3
"""Golden behaviour of the Keras 3 model API (layers, weights order, freezing, fit, predict, calls).

    KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/keras_model_api.py

Writes core/src/test/resources/golden/model_api.json, read by ModelApiKerasTest.

Cases (one fresh session each, so automatic names start at dense, sequential, ...):
- shared_nested: inputs x, y (4,); one Dense(3) called on x and y; Add; a
  BatchNormalization; a nested Sequential([Dense(2), BatchNormalization()]).
  model.layers, count_params, and weights / trainable_weights /
  non_trainable_weights as "layer/variable" (the last two parts of the path:
  Keras prefixes the variables of a nested model with the model's name, which
  Airfoil does not), before and after `inner.trainable = False`.
- frozen_fit: Sequential(Input(3), Dense(1, kernel ones)); `trainable = False`,
  compile('sgd', 'mse'), fit 2 epochs batch 32 on x = arange(12).reshape(4, 3),
  y = zeros: the loss per epoch and the unchanged kernel.
- frozen_model_layer_unfrozen: Sequential(Input(3), Dense(2), Dense(1)),
  `model.trainable = False`, then `model.layers[0].trainable = True`: the
  model's weight lists (Keras looks at the model's own flag first) and whether
  fit (sgd, mse, 1 epoch on ones) changes the first Dense.
- weightless_fit: Sequential(Input(3), Activation('relu')), adam + mse, 1 epoch.
- symbolic_calls: a 2-input functional model (x (4,), y (2,)) called on
  symbolic inputs of the wrong shape or the wrong number: whether Keras raises.
- nested_functional_json: a functional `inner` (a -> h -> [p, q]) called on
  inputs x and y; a Dense `shared` on both p outputs; Concatenate of those and
  both q outputs; outputs [cat, second call's q]. Its to_json() text and
  summary at line_length 108. Keras counts a nested functional model's
  built-in node in input_layers/output_layers (the second call is
  ["inner", 2, 1]) but not in the inbound nodes' keras_history.
- layer_from_other_model_json: a Dense `d` called in model `ma` first, then in
  model `mb` (b -> d -> e): mb.to_json() refers to d's call as node 0, the
  calls outside the model are not counted.
- predict_list_vs_map: the same model's predict on [x, y] and {'x', 'y'}
  (kernel ones, bias zero, so the output is the row sum).
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
# the summary's rich console is as wide as the terminal: fix it so the 108-column table is not cut
os.environ["COLUMNS"] = "200"

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "model_api.json")


def short(variables):
    return ["/".join(v.path.split("/")[-2:]) for v in variables]


def weights_of(model):
    return {"weights": short(model.weights), "trainable_weights": short(model.trainable_weights),
            "non_trainable_weights": short(model.non_trainable_weights)}


def shared_nested():
    keras.backend.clear_session()
    x = keras.Input((4,), name="x")
    y = keras.Input((4,), name="y")
    dense = L.Dense(3)
    merged = L.Add()([dense(x), dense(y)])
    normed = L.BatchNormalization()(merged)
    inner = keras.Sequential([L.Dense(2), L.BatchNormalization()])
    model = keras.Model([x, y], inner(normed))
    case = {"layers": [l.name for l in model.layers], "count_params": model.count_params(),
            "before": weights_of(model)}
    inner.trainable = False
    case["after_inner_frozen"] = weights_of(model)
    return case


def frozen_fit():
    keras.backend.clear_session()
    x = np.arange(12, dtype="float32").reshape(4, 3)
    y = np.zeros((4, 1), "float32")
    model = keras.Sequential([keras.Input((3,)), L.Dense(1, kernel_initializer="ones")])
    model.trainable = False
    model.compile("sgd", "mse")
    history = model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    return {"x": x.tolist(), "loss": [float(v) for v in history.history["loss"]],
            "kernel_after": np.asarray(model.layers[0].kernel).reshape(-1).tolist(),
            "trainable_weights": short(model.trainable_weights)}


def frozen_model_layer_unfrozen():
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input((3,)), L.Dense(2), L.Dense(1)])
    model.trainable = False
    model.layers[0].trainable = True
    case = weights_of(model)
    model.compile("sgd", "mse")
    before = np.asarray(model.layers[0].kernel).copy()
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), epochs=1, batch_size=32, verbose=0)
    case["first_dense_changed"] = bool(not np.array_equal(before, np.asarray(model.layers[0].kernel)))
    return case


def weightless_fit():
    keras.backend.clear_session()
    x = np.arange(12, dtype="float32").reshape(4, 3) - 5
    model = keras.Sequential([keras.Input((3,)), L.Activation("relu")])
    model.compile("adam", "mse")
    history = model.fit(x, np.zeros((4, 3), "float32"), epochs=1, batch_size=32, verbose=0)
    return {"x": x.tolist(), "loss": [float(v) for v in history.history["loss"]]}


def summary_text(model):
    lines = []
    model.summary(line_length=108, print_fn=lambda text, line_break=None: lines.append(text))
    return "\n".join(lines)


def nested_functional_json():
    keras.backend.clear_session()
    a = keras.Input((4,), name="a")
    h = L.Dense(3, name="h")(a)
    inner = keras.Model(a, [L.Dense(2, name="p")(h), L.Dense(1, name="q")(h)], name="inner")
    x = keras.Input((4,), name="x")
    y = keras.Input((4,), name="y")
    p1, q1 = inner(x)
    p2, q2 = inner(y)
    shared = L.Dense(2, name="shared")
    cat = L.Concatenate(name="cat")([shared(p1), shared(p2), q1, q2])
    model = keras.Model([x, y], [cat, q2], name="outer")
    return {"json": model.to_json(), "summary": summary_text(model)}


def layer_from_other_model_json():
    keras.backend.clear_session()
    d = L.Dense(2, name="d")
    a = keras.Input((3,), name="a")
    keras.Model(a, d(a), name="ma")
    b = keras.Input((3,), name="b")
    mb = keras.Model(b, L.Dense(1, name="e")(d(b)), name="mb")
    return {"json": mb.to_json()}


def two_input_model():
    x = keras.Input((4,), name="x")
    y = keras.Input((2,), name="y")
    out = L.Dense(1, kernel_initializer="ones")(L.Concatenate()([x, y]))
    return keras.Model([x, y], out)


def raises(fn):
    try:
        fn()
        return False
    except ValueError:
        return True


def symbolic_calls():
    keras.backend.clear_session()
    model = two_input_model()
    return {"wrong_shape_raises": raises(lambda: model([keras.Input((5,)), keras.Input((2,))])),
            "wrong_count_raises": raises(lambda: model([keras.Input((4,))])),
            "right_call_shape": list(model([keras.Input((4,)), keras.Input((2,))]).shape)}


def predict_list_vs_map():
    keras.backend.clear_session()
    model = two_input_model()
    a = np.arange(12, dtype="float32").reshape(3, 4)
    b = np.arange(6, dtype="float32").reshape(3, 2) / 2
    by_list = model.predict([a, b], verbose=0)
    by_map = model.predict({"x": a, "y": b}, verbose=0)
    assert np.array_equal(by_list, by_map)
    return {"x": a.tolist(), "y": b.tolist(), "output": by_list.reshape(-1).tolist()}


def endpoint_forms():
    """input_layers/output_layers as Keras writes them: bare [name, node, index] for one tensor, a list for a list."""
    keras.backend.clear_session()
    x = keras.Input((3,), name="x")
    out = L.Dense(2, name="d")(x)
    forms = {"tensor_tensor": keras.Model(x, out), "list_list": keras.Model([x], [out]),
             "tensor_list": keras.Model(x, [out]), "list_tensor": keras.Model([x], out)}
    return {k: {"input_layers": m.get_config()["input_layers"], "output_layers": m.get_config()["output_layers"]}
            for k, m in forms.items()}


def main():
    doc = {"_about": {"keras": keras.__version__, "backend": keras.backend.backend(),
                      "script": "tools/golden/keras_model_api.py"},
           "shared_nested": shared_nested(), "frozen_fit": frozen_fit(),
           "frozen_model_layer_unfrozen": frozen_model_layer_unfrozen(), "weightless_fit": weightless_fit(),
           "symbolic_calls": symbolic_calls(),
           "nested_functional_json": nested_functional_json(),
           "layer_from_other_model_json": layer_from_other_model_json(), "predict_list_vs_map": predict_list_vs_map(),
           "endpoint_forms": endpoint_forms()}
    symbolic = doc["symbolic_calls"]
    symbolic["right_call_shape"] = [None if d is None else int(d) for d in symbolic["right_call_shape"]]
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
