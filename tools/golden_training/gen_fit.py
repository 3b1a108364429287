"""Golden whole-training runs with Keras 3.15.1 model.fit -> fit_*.json."""
import golden_common as gc
from golden_common import f32, np, keras

L = keras.layers
O = keras.optimizers

EPOCHS = 4
BATCH = 16


# ------------------------------------------------------------------ helpers
def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return f32(np.round(rng.uniform(-limit, limit, (fan_in, fan_out)), 4))


def small_bias(rng, n):
    return f32(np.round(rng.uniform(-0.05, 0.05, (n,)), 4))


def weights_desc(model):
    return [{"path": w.path, "shape": list(w.shape)} for w in model.weights]


class BatchLogger(keras.callbacks.Callback):
    """Keeps the logs Keras passes to on_train_batch_end during epoch 0."""

    def __init__(self):
        super().__init__()
        self.epoch = None
        self.batches = []

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.epoch == 0:
            self.batches.append({"batch": batch, "logs": {k: float(v) for k, v in logs.items()}})


def run_fit(build, init_weights, optimizer, compile_kwargs, fit_kwargs, x_eval, y_eval, x_pred, n_pred=5,
            eval_kwargs=None):
    keras.utils.set_random_seed(1234)
    model = build()
    model.set_weights(init_weights)
    model.compile(optimizer=optimizer, **compile_kwargs)
    logger = BatchLogger()
    hist = model.fit(epochs=EPOCHS, shuffle=False, verbose=0, callbacks=[logger], **fit_kwargs)
    eval_kwargs = dict(eval_kwargs or {})
    ev = model.evaluate(x_eval, y_eval, batch_size=BATCH, verbose=0, return_dict=True, **eval_kwargs)
    ev_list = model.evaluate(x_eval, y_eval, batch_size=BATCH, verbose=0, **eval_kwargs)
    pred = model.predict(x_pred[:n_pred], verbose=0)
    return model, {
        "optimizer_class": type(model.optimizer).__name__,
        "optimizer_config": model.optimizer.get_config(),
        "optimizer_iterations": int(np.asarray(model.optimizer.iterations)),
        "history_keys": list(hist.history.keys()),
        "history": hist.history,
        "batch_logs_epoch_1": logger.batches,
        "final_weights": [np.asarray(w) for w in model.get_weights()],
        "evaluate": {"batch_size": BATCH, "return_dict": ev,
                     "list": ev_list if isinstance(ev_list, list) else [ev_list],
                     "metrics_names": list(model.metrics_names)},
        "predict_first": {"n": n_pred, "values": pred},
    }


def common_meta(desc):
    m = gc.meta(desc)
    m["fit"] = {"epochs": EPOCHS, "shuffle": False, "verbose": 0,
                "note": "fit(..., epochs=4, shuffle=False, verbose=0); evaluate(batch_size=16); predict on the first n rows of 'x'"}
    return m


# ------------------------------------------------------------------ (a) MLP classifier
rng = np.random.default_rng(7)
N = 96
X = gc.rounded_normal(rng, 1.0, (N, 8))
teacher = rng.normal(0, 1, (8, 3))
Y = np.argmax(X @ teacher + rng.normal(0, 0.5, (N, 3)), axis=1).astype(np.int32)
MLP_INIT = [glorot(rng, 8, 16), small_bias(rng, 16), glorot(rng, 16, 3), small_bias(rng, 3)]


def build_mlp(out_activation="softmax", out_units=3):
    inp = keras.Input(shape=(8,), name="input")
    h = L.Dense(16, activation="relu", name="hidden")(inp)
    out = L.Dense(out_units, activation=out_activation, name="output")(h)
    return keras.Model(inp, out, name="mlp")


MLP_OPTS = [
    ("SGD(0.1)", lambda: O.SGD(0.1)),
    ("SGD(0.05,momentum=0.9,nesterov=True)", lambda: O.SGD(0.05, momentum=0.9, nesterov=True)),
    ("Adam(0.01)", lambda: O.Adam(0.01)),
    ("AdamW()", lambda: O.AdamW()),
    ("RMSprop()", lambda: O.RMSprop()),
    ("Adagrad()", lambda: O.Adagrad()),
    ("Adadelta(1.0)", lambda: O.Adadelta(1.0)),
    ("Adamax()", lambda: O.Adamax()),
    ("Nadam()", lambda: O.Nadam()),
    ("Lion(0.001)", lambda: O.Lion(0.001)),
    ("Ftrl(0.1)", lambda: O.Ftrl(0.1)),
]
COMPILE_A = {"loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}

runs = []
for name, make in MLP_OPTS:
    _, r = run_fit(build_mlp, MLP_INIT, make(), COMPILE_A,
                   {"x": X, "y": Y, "batch_size": BATCH, "validation_split": 0.25}, X, Y, X)
    runs.append({"id": "batch16/" + name, "optimizer": name, "batch_size": BATCH, "validation_split": 0.25,
                 "class_weight": None, **r})

# partial last batch: 72 training samples / 20 -> 20,20,20,12
model20, r = run_fit(build_mlp, MLP_INIT, O.Adam(0.01), COMPILE_A,
                     {"x": X, "y": Y, "batch_size": 20, "validation_split": 0.25}, X, Y, X)
runs.append({"id": "batch20/Adam(0.01)", "optimizer": "Adam(0.01)", "batch_size": 20, "validation_split": 0.25,
             "class_weight": None, **r})

# class_weight variant
CW = {0: 1.0, 1: 2.0, 2: 0.5}
_, r = run_fit(build_mlp, MLP_INIT, O.Adam(0.01), COMPILE_A,
               {"x": X, "y": Y, "batch_size": BATCH, "validation_split": 0.25, "class_weight": CW}, X, Y, X)
runs.append({"id": "batch16/Adam(0.01)/class_weight", "optimizer": "Adam(0.01)", "batch_size": BATCH,
             "validation_split": 0.25, "class_weight": CW, **r})

# ---- verification of epoch-loss averaging and validation_split (learning rate 0 => weights fixed)
keras.utils.set_random_seed(1234)
mv = build_mlp()
mv.set_weights(MLP_INIT)
mv.compile(optimizer=O.SGD(0.0), **COMPILE_A)
hv = mv.fit(X, Y, batch_size=20, epochs=1, shuffle=False, verbose=0, validation_split=0.25)
n_train = int(np.floor(N * 0.75))
batch_losses, batch_sizes = [], []
for s in range(0, n_train, 20):
    e = min(s + 20, n_train)
    batch_losses.append(float(mv.test_on_batch(X[s:e], Y[s:e])[0]))
    batch_sizes.append(e - s)
bl = np.array(batch_losses, dtype=np.float64)
bs = np.array(batch_sizes, dtype=np.float64)
val_direct = mv.evaluate(X[n_train:], Y[n_train:], batch_size=BATCH, verbose=0, return_dict=True)
val_head = mv.evaluate(X[: N - n_train], Y[: N - n_train], batch_size=BATCH, verbose=0, return_dict=True)
verification = {
    "setup": "MLP with the initial weights, SGD(learning_rate=0.0) so the weights never change, batch_size=20, "
             "validation_split=0.25, 1 epoch: training = first 72 rows, batches of 20,20,20,12",
    "history_loss": hv.history["loss"][0],
    "per_batch_loss": batch_losses,
    "batch_sizes": batch_sizes,
    "mean_weighted_by_batch_size": float(np.sum(bl * bs) / np.sum(bs)),
    "mean_unweighted": float(np.mean(bl)),
    "history_val_loss": hv.history["val_loss"][0],
    "history_val_accuracy": hv.history["val_accuracy"][0],
    "evaluate_last_24_rows": val_direct,
    "evaluate_first_24_rows": val_head,
}
verification["conclusion"] = (
    "epoch loss = mean of batch losses weighted by batch size"
    if abs(verification["mean_weighted_by_batch_size"] - verification["history_loss"])
    < abs(verification["mean_unweighted"] - verification["history_loss"])
    else "epoch loss = unweighted mean of batch losses")
verification["validation_split_conclusion"] = (
    "validation rows are the LAST floor-complement rows (x[floor(n*(1-split)):])"
    if abs(val_direct["loss"] - verification["history_val_loss"]) < 1e-6
    else "validation rows are NOT the last rows")
print("verification:", verification["conclusion"], "|", verification["validation_split_conclusion"])

# ---- train_on_batch / test_on_batch with Adam(0.01) from the initial weights
keras.utils.set_random_seed(1234)
mt = build_mlp()
mt.set_weights(MLP_INIT)
mt.compile(optimizer=O.Adam(0.01), **COMPILE_A)
tob = []
for b in range(3):
    s, e = b * BATCH, (b + 1) * BATCH
    res = mt.train_on_batch(X[s:e], Y[s:e], return_dict=True)
    tob.append({"rows": [s, e], "result": res, "weights_after": [np.asarray(w) for w in mt.get_weights()]})
tst = []
for rows in ([72, 88], [88, 96]):
    res = mt.test_on_batch(X[rows[0]:rows[1]], Y[rows[0]:rows[1]], return_dict=True)
    tst.append({"rows": rows, "result": res})
pob = mt.predict_on_batch(X[:3])
train_on_batch_rec = {
    "setup": "fresh MLP with initial_weights, Adam(0.01), loss sparse_categorical_crossentropy, metrics ['accuracy']; "
             "train_on_batch on rows [0,16), [16,32), [32,48) in order (each call resets the metrics first, so "
             "each result is that batch's own loss/accuracy computed BEFORE the update); then test_on_batch on "
             "rows [72,88) and [88,96) with the updated weights; then predict_on_batch on rows [0,3).",
    "optimizer_config": mt.optimizer.get_config(),
    "train_on_batch": tob, "test_on_batch": tst, "predict_on_batch_first_3": pob,
}

gc.write_json("fit_mlp_classifier.json", {
    "meta": common_meta(
        "(a) MLP classifier Input(8) -> Dense(16, relu, name 'hidden') -> Dense(3, softmax, name 'output'), "
        "loss sparse_categorical_crossentropy, metrics ['accuracy'], validation_split=0.25, once per optimizer; "
        "a batch-20 run (partial last batch); a class_weight run; a verification of loss averaging and "
        "validation_split; and train_on_batch/test_on_batch records. 'evaluate' is on all 96 rows."),
    "model": {"layers": ["Input(shape=(8,))", "Dense(16, activation='relu')", "Dense(3, activation='softmax')"],
              "weights": weights_desc(mt)},
    "compile": COMPILE_A,
    "x": X, "y": Y,
    "initial_weights": MLP_INIT,
    "runs": runs,
    "verification_epoch_loss_and_validation_split": verification,
    "train_on_batch_adam": train_on_batch_rec,
})

# ------------------------------------------------------------------ (b) regression
rng = np.random.default_rng(11)
XR = gc.rounded_normal(rng, 1.0, (N, 5))
w_true = rng.normal(0, 1, (5, 1))
YR = f32(np.round(np.sin(XR @ w_true) + 0.1 * rng.normal(0, 1, (N, 1)), 4))
XV = gc.rounded_normal(rng, 1.0, (32, 5))
YV = f32(np.round(np.sin(XV @ w_true) + 0.1 * rng.normal(0, 1, (32, 1)), 4))
SW = f32(np.round(rng.uniform(0.5, 2.0, (N,)), 2))
REG_INIT = [glorot(rng, 5, 8), small_bias(rng, 8), glorot(rng, 8, 1), small_bias(rng, 1)]


def build_reg():
    inp = keras.Input(shape=(5,), name="input")
    h = L.Dense(8, activation="tanh", name="hidden")(inp)
    out = L.Dense(1, name="output")(h)
    return keras.Model(inp, out, name="regressor")


reg_runs = []
for rid, loss, extra in [("mse", "mse", {}), ("huber", "huber", {}), ("mse/sample_weight", "mse", {"sample_weight": SW})]:
    comp = {"loss": loss, "metrics": ["mae", "root_mean_squared_error"]}
    m, r = run_fit(build_reg, REG_INIT, O.Adam(0.01), comp,
                   {"x": XR, "y": YR, "batch_size": BATCH, "validation_data": (XV, YV), **extra}, XV, YV, XV)
    reg_runs.append({"id": rid, "compile": comp, "optimizer": "Adam(0.01)", "batch_size": BATCH,
                     "train_sample_weight": "sample_weight" in extra, **r})

gc.write_json("fit_regression.json", {
    "meta": common_meta(
        "(b) regression net Input(5) -> Dense(8, tanh, name 'hidden') -> Dense(1, name 'output'), Adam(0.01), "
        "batch 16, validation_data=(x_val, y_val); losses mse and huber; and mse with a per-sample "
        "sample_weight on the training data (validation unweighted). 'evaluate' is on (x_val, y_val); "
        "predict_first is on x_val."),
    "model": {"layers": ["Input(shape=(5,))", "Dense(8, activation='tanh')", "Dense(1)"], "weights": weights_desc(m)},
    "x": XR, "y": YR, "x_val": XV, "y_val": YV, "sample_weight": SW,
    "initial_weights": REG_INIT,
    "runs": reg_runs,
})

# ------------------------------------------------------------------ (c) two-output functional model
rng = np.random.default_rng(13)
XM = gc.rounded_normal(rng, 1.0, (N, 6))
YM_main = f32((XM[:, :3].sum(1, keepdims=True) + 0.3 * rng.normal(0, 1, (N, 1))) > 0)
YM_aux = f32(np.round(np.stack([XM[:, 3] - XM[:, 4], 0.5 * XM[:, 5]], axis=1) + 0.1 * rng.normal(0, 1, (N, 2)), 4))
MO_INIT = [glorot(rng, 6, 8), small_bias(rng, 8), glorot(rng, 8, 1), small_bias(rng, 1), glorot(rng, 8, 2), small_bias(rng, 2)]


def build_mo():
    inp = keras.Input(shape=(6,), name="input")
    h = L.Dense(8, activation="relu", name="shared")(inp)
    main = L.Dense(1, activation="sigmoid", name="main_output")(h)
    aux = L.Dense(2, name="aux_output")(h)
    return keras.Model(inp, [main, aux], name="two_output")


COMPILE_C = {"loss": {"main_output": "binary_crossentropy", "aux_output": "mse"},
             "loss_weights": {"main_output": 1.0, "aux_output": 0.2},
             "metrics": {"main_output": ["accuracy"], "aux_output": ["mae"]}}
YM = {"main_output": YM_main, "aux_output": YM_aux}
m, r = run_fit(build_mo, MO_INIT, O.Adam(0.01), COMPILE_C,
               {"x": XM, "y": YM, "batch_size": BATCH, "validation_split": 0.25}, XM, YM, XM)
pred = r["predict_first"]["values"]
r["predict_first"]["values"] = {"main_output": pred[0], "aux_output": pred[1]} if isinstance(pred, (list, tuple)) else pred
r["predict_first"]["note"] = "model.predict returns a list [main_output, aux_output] (model output order)"
gc.write_json("fit_multi_output.json", {
    "meta": common_meta(
        "(c) two-output functional model Input(6) -> Dense(8, relu, name 'shared') -> "
        "[Dense(1, sigmoid, name 'main_output'), Dense(2, name 'aux_output')], Adam(0.01), batch 16, "
        "validation_split=0.25, y passed as a dict keyed by output name. history_keys are the exact log "
        "names Keras produced. 'evaluate' is on all 96 rows."),
    "model": {"weights": weights_desc(m), "output_order": ["main_output", "aux_output"]},
    "compile": COMPILE_C,
    "x": XM, "y": YM,
    "initial_weights": MO_INIT,
    "run": {"optimizer": "Adam(0.01)", "batch_size": BATCH, "validation_split": 0.25, **r},
})

# ------------------------------------------------------------------ (d) accuracy resolution
Y1H = f32(np.eye(3)[Y])
rng = np.random.default_rng(17)
YB = f32((X[:, 0] + X[:, 1] - 0.5 * X[:, 2] + 0.3 * rng.normal(0, 1, N) > 0).reshape(N, 1))
BIN_INIT = [MLP_INIT[0], MLP_INIT[1], glorot(rng, 16, 1), small_bias(rng, 1)]
d_runs = []
comp = {"loss": "categorical_crossentropy", "metrics": ["accuracy", "categorical_crossentropy"]}
m1, r = run_fit(build_mlp, MLP_INIT, O.Adam(0.01), comp,
                {"x": X, "y": Y1H, "batch_size": BATCH, "validation_split": 0.25}, X, Y1H, X)
d_runs.append({"id": "categorical_crossentropy/one_hot", "compile": comp, "y": "y_one_hot",
               "initial_weights": "mlp_initial_weights",
               "model": "Input(8) -> Dense(16, relu) -> Dense(3, softmax)", "optimizer": "Adam(0.01)",
               "batch_size": BATCH, "validation_split": 0.25, **r})
comp = {"loss": "binary_crossentropy", "metrics": ["accuracy"]}
m2, r = run_fit(lambda: build_mlp("sigmoid", 1), BIN_INIT, O.Adam(0.01), comp,
                {"x": X, "y": YB, "batch_size": BATCH, "validation_split": 0.25}, X, YB, X)
d_runs.append({"id": "binary_crossentropy", "compile": comp, "y": "y_binary",
               "initial_weights": "binary_initial_weights",
               "model": "Input(8) -> Dense(16, relu) -> Dense(1, sigmoid)", "optimizer": "Adam(0.01)",
               "batch_size": BATCH, "validation_split": 0.25, **r})
gc.write_json("fit_accuracy_resolution.json", {
    "meta": common_meta(
        "(d) metrics=['accuracy'] resolution: with categorical_crossentropy on one-hot labels 'accuracy' "
        "becomes categorical accuracy; with binary_crossentropy it becomes binary accuracy (threshold 0.5). "
        "Same x as fit_mlp_classifier.json (repeated here). 'evaluate' is on all 96 rows."),
    "x": X, "y_one_hot": Y1H, "y_binary": YB,
    "mlp_initial_weights": MLP_INIT, "binary_initial_weights": BIN_INIT,
    "runs": d_runs,
})

# ------------------------------------------------------------------ (e) small convnet (convolution + max pooling pairs)
rng = np.random.default_rng(19)
XC = gc.rounded_normal(rng, 1.0, (N, 10, 10, 1))
# label: which of three regions (top band, bottom-left, bottom-right) holds the largest sum, plus noise
regions = np.stack([XC[:, :4].sum((1, 2, 3)), XC[:, 4:, :5].sum((1, 2, 3)), XC[:, 4:, 5:].sum((1, 2, 3))], axis=1)
YC = np.argmax(regions + rng.normal(0, 1.0, (N, 3)), axis=1).astype(np.int32)


def conv_glorot(rng, shape):
    receptive = int(np.prod(shape[:-2]))
    fan_in, fan_out = receptive * shape[-2], receptive * shape[-1]
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return f32(np.round(rng.uniform(-limit, limit, shape), 4))


CNN_INIT = [conv_glorot(rng, (3, 3, 1, 4)), small_bias(rng, 4), conv_glorot(rng, (2, 2, 4, 6)), small_bias(rng, 6),
            glorot(rng, 6, 3), small_bias(rng, 3)]


def build_cnn():
    inp = keras.Input(shape=(10, 10, 1), name="input")
    h = L.Conv2D(4, 3, activation="relu", name="conv1")(inp)
    h = L.MaxPooling2D(2, name="pool1")(h)
    h = L.Conv2D(6, 2, activation="relu", name="conv2")(h)
    h = L.MaxPooling2D(2, name="pool2")(h)
    h = L.Flatten(name="flatten")(h)
    out = L.Dense(3, activation="softmax", name="output")(h)
    return keras.Model(inp, out, name="convnet")


mc, r = run_fit(build_cnn, CNN_INIT, O.Adam(0.01), COMPILE_A,
                {"x": XC, "y": YC, "batch_size": BATCH, "validation_split": 0.25}, XC, YC, XC)
gc.write_json("fit_convnet.json", {
    "meta": common_meta(
        "(e) convnet Input(10, 10, 1) -> Conv2D(4, 3, relu, name 'conv1') -> MaxPooling2D(2, name 'pool1') -> "
        "Conv2D(6, 2, relu, name 'conv2') -> MaxPooling2D(2, name 'pool2') (3x3 -> 1x1: the last row and "
        "column are not pooled) -> Flatten -> Dense(3, softmax, name 'output'), Adam(0.01), batch 16, "
        "validation_split=0.25, loss sparse_categorical_crossentropy, metrics ['accuracy']. Airfoil runs "
        "each convolution with its pooling as one fused primitive. 'evaluate' is on all 96 rows."),
    "model": {"weights": weights_desc(mc)},
    "compile": COMPILE_A,
    "x": XC, "y": YC,
    "initial_weights": CNN_INIT,
    "run": {"optimizer": "Adam(0.01)", "batch_size": BATCH, "validation_split": 0.25, **r},
})
