"""Golden fit() runs of Keras 3.15.1 exercising fit options and callbacks -> fit_options.json.

One small classifier (Input(4) -> Dense(6, tanh) -> Dense(3, softmax)), fixed initial weights,
40 training rows (batch 16: a partial last batch of 8), shuffle=False, Adam(0.01) unless a case
says otherwise. Each case changes one thing: initial_epoch, steps_per_epoch, class_weight together
with sample_weight, weighted validation_data, validation_freq, a LearningRateScheduler, a summed
loss reduction, TerminateOnNaN, CSVLogger, evaluate/predict with a partial last batch.
"""
import os
import tempfile

import golden_common as gc
from golden_common import f32, np, keras

L = keras.layers
O = keras.optimizers
C = keras.callbacks

rng = np.random.default_rng(11)
N, NV = 40, 12
X = gc.rounded_normal(rng, 1.0, (N, 4))
Y = np.argmax(X @ rng.normal(0, 1, (4, 3)), axis=1).astype(np.int32)
XV = gc.rounded_normal(rng, 1.0, (NV, 4))
YV = np.argmax(XV @ rng.normal(0, 1, (4, 3)), axis=1).astype(np.int32)
SW = gc.rounded_uniform(rng, 0.0, 2.0, (N,), 1)
SWV = gc.rounded_uniform(rng, 0.0, 2.0, (NV,), 1)
INIT = [gc.rounded_normal(rng, 0.5, (4, 6)), f32(np.zeros(6)), gc.rounded_normal(rng, 0.5, (6, 3)),
        f32(np.zeros(3))]
CW = {0: 1.0, 1: 2.0, 2: 0.5}


def build():
    keras.backend.clear_session()
    m = keras.Sequential([keras.Input((4,)), L.Dense(6, activation="tanh"), L.Dense(3, activation="softmax")])
    m.set_weights(INIT)
    return m


def halve_from_epoch_2(epoch, lr):
    return lr * 0.5 if epoch >= 2 else lr


CASES = [
    ("plain", {}, {"epochs": 3}),
    ("initial_epoch", {}, {"epochs": 4, "initial_epoch": 2}),
    ("steps_per_epoch", {}, {"epochs": 3, "steps_per_epoch": 2}),
    ("class_weight+sample_weight", {}, {"epochs": 3, "class_weight": CW, "sample_weight": SW}),
    ("validation_data_weighted", {}, {"epochs": 3, "validation_data": (XV, YV, SWV)}),
    ("validation_freq", {}, {"epochs": 4, "validation_data": (XV, YV), "validation_freq": 2}),
    ("validation_batch_size", {}, {"epochs": 2, "validation_data": (XV, YV), "validation_batch_size": 5}),
    ("lr_scheduler", {}, {"epochs": 4, "callbacks": "lr_scheduler"}),
    ("lr_scheduler+initial_epoch", {}, {"epochs": 4, "initial_epoch": 1, "callbacks": "lr_scheduler"}),
    ("sum_reduction", {"loss": "sum"}, {"epochs": 3, "validation_data": (XV, YV)}),
    ("sum_reduction+sample_weight", {"loss": "sum"}, {"epochs": 2, "sample_weight": SW}),
    ("csv_logger", {}, {"epochs": 2, "validation_data": (XV, YV), "callbacks": "csv_logger"}),
    ("csv_logger_no_validation", {}, {"epochs": 2, "callbacks": "csv_logger"}),
    ("csv_logger+validation_freq", {}, {"epochs": 2, "validation_data": (XV, YV), "validation_freq": 2,
                                       "callbacks": "csv_logger"}),
    ("class_weight_partial", {}, {"epochs": 2, "class_weight": {1: 3.0}}),
    ("sample_weight_column", {}, {"epochs": 2, "sample_weight": SW.reshape(-1, 1),
                                  "validation_data": (XV, YV, SWV.reshape(-1, 1))}),
    ("checkpoint_save_freq", {}, {"epochs": 3, "callbacks": "checkpoint_batches"}),
    ("validation_freq+initial_epoch", {}, {"epochs": 5, "initial_epoch": 1, "validation_data": (XV, YV),
                                           "validation_freq": 2}),
    ("weighted_metrics", {"weighted_metrics": True}, {"epochs": 2, "sample_weight": SW,
                                                      "validation_data": (XV, YV, SWV)}),
    ("class_weight+weighted_metrics", {"weighted_metrics": True}, {"epochs": 2, "class_weight": CW}),
    ("validation_split+sample_weight", {}, {"epochs": 2, "sample_weight": SW, "validation_split": 0.25}),
    ("reduce_lr_on_plateau", {}, {"epochs": 4, "callbacks": "reduce_lr"}),
    ("early_stopping_restore", {"optimizer": "adam_big"}, {"epochs": 8, "validation_data": (XV, YV),
                                                           "callbacks": "early_stopping"}),
]


def compile_model(m, opts):
    opt = O.Adam(0.3) if opts.get("optimizer") == "adam_big" else O.Adam(0.01)
    if opts.get("loss") == "sum":
        loss = keras.losses.SparseCategoricalCrossentropy(reduction="sum")
    else:
        loss = "sparse_categorical_crossentropy"
    weighted = ["accuracy", "sparse_categorical_crossentropy"] if opts.get("weighted_metrics") else None
    m.compile(optimizer=opt, loss=loss, metrics=["accuracy"], weighted_metrics=weighted)


def describe_fit(fit):
    out = {}
    for k, v in fit.items():
        if k == "validation_data":
            out[k] = "x_val, y_val" + ("" if len(v) == 2 else ", sw_val" if v[2].ndim == 1 else ", sw_val as a column")
        elif k == "sample_weight":
            out[k] = "sw" if v.ndim == 1 else "sw as a column (n, 1)"
        elif k == "class_weight":
            out[k] = {str(c): w for c, w in v.items()}
        else:
            out[k] = v
    return out


records = []
with tempfile.TemporaryDirectory() as tmp:
    for name, opts, fit in CASES:
        keras.utils.set_random_seed(1234)
        m = build()
        compile_model(m, opts)
        kwargs = dict(fit)
        rec = {"id": name, "compile": {"loss": "SparseCategoricalCrossentropy(reduction='sum')"
                                       if opts.get("loss") == "sum" else "sparse_categorical_crossentropy",
                                       "optimizer": "Adam(0.3)" if opts.get("optimizer") == "adam_big"
                                       else "Adam(0.01)", "metrics": ["accuracy"],
                                       "weighted_metrics": ["accuracy", "sparse_categorical_crossentropy"]
                                       if opts.get("weighted_metrics") else None},
               "fit": describe_fit(fit)}
        cb = kwargs.pop("callbacks", None)
        callbacks = []
        csv_path = os.path.join(tmp, name + ".csv")
        if cb == "lr_scheduler":
            callbacks.append(C.LearningRateScheduler(halve_from_epoch_2))
        elif cb == "checkpoint_batches":
            ckpt_dir = os.path.join(tmp, name)
            os.makedirs(ckpt_dir)
            callbacks.append(C.ModelCheckpoint(os.path.join(ckpt_dir, "e{epoch}-b{batch}.weights.h5"),
                                               save_weights_only=True, save_freq=4))
        elif cb == "reduce_lr":
            callbacks.append(C.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0, min_delta=0.12))
        elif cb == "early_stopping":
            callbacks.append(C.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True))
        elif cb in ("csv_logger",):
            callbacks.append(C.CSVLogger(csv_path))
        batches = []
        callbacks.append(C.LambdaCallback(on_train_batch_end=lambda b, logs: batches.append(
            {"batch": b, "loss": float(logs["loss"])})))
        x, y = X, Y
        try:
            h = m.fit(x, y, batch_size=16, shuffle=False, verbose=0, callbacks=callbacks, **kwargs)
        except ValueError as e:
            rec["error"] = f"{type(e).__name__}: {e}"
            records.append(rec)
            continue
        rec["history"] = h.history
        rec["epochs_run"] = h.epoch
        rec["train_batches"] = batches
        rec["optimizer_iterations"] = int(np.asarray(m.optimizer.iterations))
        rec["final_weights"] = [np.asarray(w) for w in m.get_weights()]
        if cb == "checkpoint_batches":
            rec["checkpoint_files"] = sorted(os.listdir(os.path.join(tmp, name)))
        if cb == "csv_logger":
            with open(csv_path, newline="") as f:  # keep the csv module's \r\n line ends
                rec["csv_text"] = f.read()
        if name == "plain":
            rec["evaluate_weighted"] = m.evaluate(XV, YV, sample_weight=SWV, batch_size=5, verbose=0,
                                                  return_dict=True)
            rec["evaluate"] = m.evaluate(XV, YV, batch_size=5, verbose=0, return_dict=True)
            rec["predict"] = m.predict(XV, batch_size=5, verbose=0)
        records.append(rec)

gc.write_json("fit_options.json", {
    "meta": gc.meta(
        "fit() options on one small classifier: Sequential([Input((4,)), Dense(6, tanh), Dense(3, softmax)]) with "
        "'initial_weights', loss sparse_categorical_crossentropy (or SparseCategoricalCrossentropy(reduction='sum')), "
        "metrics ['accuracy'] (plus weighted_metrics ['accuracy', 'sparse_categorical_crossentropy'] where the "
        "case's compile says so), Adam(0.01) (or Adam(0.3)), fit(x, y, batch_size=16, "
        "shuffle=False, verbose=0, **case.fit). sw / sw_val are 'sample_weight' / 'sample_weight_val'. "
        "lr_scheduler = LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch >= 2 else lr); reduce_lr = "
        "ReduceLROnPlateau(monitor='loss', factor=0.5, patience=0, min_delta=0.12); early_stopping = "
        "EarlyStopping(monitor='val_loss', patience=2, restore_best_weights=True). train_batches are "
        "the logs['loss'] of every on_train_batch_end. 'plain' also records evaluate(x_val, y_val, batch_size=5) "
        "with and without sample_weight_val, and predict(x_val, batch_size=5). csv_text is the CSVLogger file. checkpoint_batches = ModelCheckpoint('e{epoch}-b{batch}.weights.h5', "
        "save_weights_only=True, save_freq=4); checkpoint_files are the files it wrote. A case with 'error' is refused by Keras (fit raises)."),
    "x": X, "y": Y, "x_val": XV, "y_val": YV, "sample_weight": SW, "sample_weight_val": SWV,
    "class_weight": {str(c): w for c, w in CW.items()},
    "initial_weights": INIT,
    "cases": records,
})
