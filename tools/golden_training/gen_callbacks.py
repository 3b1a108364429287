"""Golden decisions of Keras 3.15.1 callbacks over scripted epoch logs -> callbacks.json.

Each case drives one callback the way fit() does (on_train_begin, then per epoch
on_epoch_begin / on_epoch_end with the scripted logs, stop when the model's
stop_training is set, on_train_end) on a tiny compiled model whose only kernel
is filled with the epoch index just before each on_epoch_end, so the weights
restored at the end name the epoch they came from.
"""
import contextlib
import io
import math
import os
import tempfile

import golden_common as gc
from golden_common import np, keras

C = keras.callbacks
NAN = float("nan")
LR0 = 0.1


def make_model():
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False)])
    model.compile(optimizer=keras.optimizers.SGD(LR0), loss="mse",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])
    # builds the compiled metrics, so "auto" modes can look up their direction
    model.evaluate(np.zeros((2, 1), np.float32), np.zeros((2, 1), np.float32), verbose=0)
    return model


def num(v):
    return None if v is None else float(v)


def drive(cb, series, monitor_key, model=None):
    model = model or make_model()
    cb.set_model(model)
    epochs = []
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        model.stop_training = False
        cb.on_train_begin({})
        last = {}
        for epoch, value in enumerate(series):
            cb.on_epoch_begin(epoch, {})
            model.set_weights([np.full((1, 1), epoch, np.float32)])
            logs = {} if value is None else {monitor_key: value}
            cb.on_epoch_end(epoch, logs)
            last = logs
            rec = {"epoch": epoch, "stop_training": bool(model.stop_training),
                   "learning_rate": float(np.asarray(model.optimizer.learning_rate)),
                   "logs_after": dict(logs)}
            for attr in ("wait", "best", "cooldown_counter", "best_epoch", "stopped_epoch"):
                if hasattr(cb, attr):
                    rec[attr] = num(getattr(cb, attr))
            epochs.append(rec)
            if model.stop_training:
                break
        cb.on_train_end(last)
    return {"epochs": epochs,
            "final_weight": float(np.asarray(model.get_weights()[0]).reshape(-1)[0]),
            "stdout": out.getvalue()}


def drive_runs(cb, series, monitor_key, runs, before_run=None):
    """Drives the same callback (and model) through `runs` fit() calls over the same series."""
    model = make_model()
    out = []
    for i in range(runs):
        if before_run:
            before_run(i)
        r = drive(cb, series, monitor_key, model)
        if before_run:
            r = before_run(i, r)
        out.append(r)
    return out


ES = [
    ({}, "val_loss", [1.0, 0.9, 0.95, 0.8]),
    ({"patience": 2, "min_delta": 0.05}, "val_loss", [1.0, 0.97, 0.9, 0.88, 0.87, 0.86]),
    ({"patience": 2, "min_delta": -0.05}, "val_loss", [1.0, 0.97, 0.9, 0.88, 0.87, 0.86]),
    ({"patience": 2, "baseline": 0.5}, "val_loss", [1.0, 0.9, 0.8, 0.7, 0.6]),
    ({"patience": 1, "baseline": 0.85}, "val_loss", [1.0, 0.9, 0.8, 0.85, 0.84, 0.9]),
    ({"patience": 2, "restore_best_weights": True}, "val_loss", [1.0, 0.7, 0.8, 0.9, 0.6]),
    ({"patience": 5, "restore_best_weights": True, "verbose": 1}, "val_loss", [1.0, 0.7, 0.9]),
    ({"patience": 1, "restore_best_weights": True, "baseline": 0.5, "verbose": 1}, "val_loss", [1.0, 1.1, 1.2]),
    ({"patience": 1, "start_from_epoch": 2}, "val_loss", [1.0, 2.0, 3.0, 2.5, 2.6, 2.7]),
    ({"patience": 1, "monitor": "val_accuracy", "mode": "max"}, "val_accuracy", [0.5, 0.6, 0.6, 0.55]),
    ({"patience": 1, "monitor": "val_auc"}, "val_auc", [0.5, 0.6, 0.6, 0.55]),
    ({"patience": 1, "monitor": "loss", "verbose": 1}, "loss", [1.0, 1.0, 1.0]),
    ({"patience": 1}, "val_loss", [NAN, 1.0, 0.9, 0.8]),
    ({"patience": 1}, "val_loss", [1.0, NAN, 0.9, 0.8]),
    ({"patience": 1}, "val_loss", [None, None, 1.0, 1.1, 1.2]),
    ({"patience": 1}, "val_loss", [1.0, 0.9, 1.5, 1.4], 2),
]

RLR = [
    ({"patience": 1, "factor": 0.5}, "val_loss", [1.0, 1.1, 1.2, 1.3, 0.5, 0.6]),
    ({"patience": 1, "factor": 0.5, "cooldown": 2}, "val_loss", [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6]),
    ({"patience": 0, "factor": 0.5, "min_lr": 0.03}, "val_loss", [1.0, 1.0, 1.0, 1.0, 1.0]),
    ({"patience": 2, "factor": 0.5, "min_delta": 0.1}, "val_loss", [1.0, 0.95, 0.92, 0.8, 0.79, 0.78]),
    ({"patience": 2, "factor": 0.5, "min_delta": -0.1}, "val_loss", [1.0, 0.95, 0.92, 0.8, 0.79, 0.78]),
    ({"patience": 1, "factor": 0.5, "monitor": "val_accuracy", "mode": "max"}, "val_accuracy", [0.5, 0.4, 0.6, 0.6]),
    ({"patience": 1, "factor": 0.5, "monitor": "val_auc"}, "val_auc", [0.5, 0.6, 0.55, 0.7, 0.65]),
    ({"patience": 1, "factor": 0.5, "monitor": "val_accuracy"}, "val_accuracy", [0.5, 0.6, 0.55, 0.7, 0.65]),
    ({"patience": 1, "factor": 0.5}, "val_loss", [NAN, 1.0, 0.9, 0.8]),
    ({"patience": 1, "factor": 0.5, "verbose": 1}, "val_loss", [1.0, 1.0, 1.0]),
    ({"patience": 1, "factor": 0.5}, "val_loss", [1.0, 0.9, 0.95, 0.8], 2),
]

MC = [
    ({"save_best_only": True, "verbose": 1}, "val_loss", [1.0, 0.8, 0.9, 0.7]),
    ({"save_best_only": True, "verbose": 1, "monitor": "val_accuracy"}, "val_accuracy", [0.5, 0.7, 0.6, 0.7]),
    ({"save_best_only": True, "verbose": 1, "mode": "max"}, "val_loss", [1.0, 0.8, 1.2]),
    ({"save_best_only": True, "verbose": 1, "initial_value_threshold": 0.85}, "val_loss", [1.0, 0.8, 0.9, 0.7]),
    ({"save_best_only": True, "verbose": 1}, "val_loss", [None, 1.0, None]),
    ({"save_best_only": True, "verbose": 1}, "val_loss", [1.0, 0.8, 0.9], 2),
    ({"verbose": 1}, "val_loss", [1.0, 0.8]),
]


def args_text(kw):
    return ",".join(f"{k}={v}" for k, v in kw.items())


def series_json(series):
    return [None if v is None else v for v in series]


cases = []
for kind, table in (("EarlyStopping", ES), ("ReduceLROnPlateau", RLR)):
    for kw, key, series, *rest in table:
        runs = drive_runs(getattr(C, kind)(**kw), series, key, rest[0] if rest else 1)
        cases.append({"id": f"{kind}({args_text(kw)})@{key}" + (f"x{len(runs)}" if len(runs) > 1 else ""),
                      "callback": kind, "kwargs": kw, "monitor_key": key, "series": series_json(series),
                      "runs": runs})
with tempfile.TemporaryDirectory() as tmp:
    for i, (kw, key, series, *rest) in enumerate(MC):
        folder = os.path.join(tmp, f"case{i}")
        os.makedirs(folder)
        path = os.path.join(folder, "ckpt_{epoch:02d}.weights.h5")

        def around(run, r=None, folder=folder):
            if r is None:  # before the run: an empty folder
                for f in os.listdir(folder):
                    os.remove(os.path.join(folder, f))
                return None
            r["saved_epochs"] = sorted(int(f[5:7]) for f in os.listdir(folder))
            r["stdout"] = r["stdout"].replace(folder + os.sep, "<dir>/")
            return r

        runs = drive_runs(C.ModelCheckpoint(path, save_weights_only=True, **kw), series, key,
                          rest[0] if rest else 1, around)
        cases.append({"id": f"ModelCheckpoint({args_text(kw)})@{key}" + (f"x{len(runs)}" if len(runs) > 1 else ""),
                      "callback": "ModelCheckpoint", "kwargs": kw, "monitor_key": key,
                      "series": series_json(series), "filepath": "<dir>/ckpt_{epoch:02d}.weights.h5", "runs": runs})

gc.write_json("callbacks.json", {
    "meta": gc.meta(
        "Callbacks driven over scripted epoch logs: a model Sequential([Input((1,)), Dense(1, use_bias=False)]) "
        "compiled with SGD(0.1), loss mse, metrics ['accuracy', AUC(name='auc')] (evaluated once so 'auto' modes "
        "resolve); on_train_begin; per epoch on_epoch_begin, kernel := epoch index, on_epoch_end(epoch, "
        "{monitor_key: series[epoch]}) (no key when the series value is null); stop after an epoch that set "
        "stop_training; on_train_end. Per epoch: stop_training, the optimizer learning rate after the epoch end "
        "(float32), the logs after the callback, and the callback's counters (best null = Keras None). "
        "final_weight = kernel after on_train_end (restored weights name their epoch). stdout = verbose "
        "messages. ModelCheckpoint: save_weights_only=True, saved_epochs are the 1-based {epoch} of files written "
        "(the folder is emptied before each run). 'runs' has one entry per fit() call: cases ending in xN reuse the "
        "same callback and model for N fit() calls over the same series (nothing is reset in between)."),
    "learning_rate": LR0,
    "cases": cases,
})
