"""Loads Airfoil's Keras 3 exports in real Keras and compares predictions.

KerasExportTest (core/src/test/java/dev/airfoil/saving/keras) writes, for each exported model NAME,
`NAME.keras` (Models.exportKeras) and `NAME.json` (its inputs and Airfoil's outputs) into
core/target/keras-export/. This script opens every `.keras` there with
keras.saving.load_model (safe_mode on, the default), runs predict on the same inputs and checks
|keras - airfoil| <= 1e-5 + 1e-5 |airfoil|. Exports with a `train` entry (KerasOptimizerStateTest) also
take one train_on_batch step in Keras from the exported optimizer state and check that the weights
equal Airfoil's next step within 1e-5. Exit status 1 if any model fails to load or differs.

Run: mvn -o -pl core test -Dtest='KerasExportTest,KerasOptimizerStateTest'
     KERAS_BACKEND=jax .venv-keras/bin/python tools/golden/check_airfoil_export.py [folder]
"""
import glob
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

DEFAULT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "target", "keras-export")


def array(spec):
    dtype = "int32" if spec["dtype"].startswith("int") else "float32"
    return np.array([float(v) if dtype == "float32" else int(v) for v in spec["values"]], dtype=dtype).reshape(spec["shape"])


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    files = sorted(glob.glob(os.path.join(folder, "*.keras")))
    if not files:
        print("no .keras files in", folder)
        return 1
    print("keras", keras.__version__, "backend", keras.backend.backend())
    failures = 0
    for path in files:
        name = os.path.basename(path)[:-len(".keras")]
        with open(os.path.join(folder, name + ".json")) as f:
            doc = json.load(f)
        try:
            model = keras.saving.load_model(path)
        except Exception as e:  # report and continue with the others
            print(f"FAIL {name}: Keras cannot load it: {type(e).__name__}: {e}")
            failures += 1
            continue
        xs = [array(s) for s in doc["inputs"]]
        ys = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
        ys = ys if isinstance(ys, (list, tuple)) else [ys]
        worst = 0.0
        ok = len(ys) == len(doc["outputs"])
        for y, spec in zip(ys, doc["outputs"]):
            expected = array(spec)
            y = np.asarray(y)
            if y.shape != expected.shape:
                ok = False
                print(f"  {name}: shape {y.shape} != {expected.shape}")
                continue
            err = np.abs(y.astype(np.float64) - expected.astype(np.float64))
            worst = max(worst, float(err.max()) if err.size else 0.0)
            ok = ok and bool(np.all(err <= 1e-5 + 1e-5 * np.abs(expected)))
        train = doc.get("train")
        if train is not None:
            # the export carries Airfoil's optimizer state: Keras's next step must be Airfoil's next step
            iterations = int(model.optimizer.iterations.numpy())
            if iterations != train["iterations"]:
                ok = False
                print(f"  {name}: optimizer iterations {iterations} != {train['iterations']}")
            model.train_on_batch(array(train["x"]), array(train["y"]))
            for w, spec in zip(model.weights, train["next_step_weights"]):
                err = np.abs(np.asarray(w.numpy(), np.float64) - array(spec).astype(np.float64))
                worst = max(worst, float(err.max()) if err.size else 0.0)
                ok = ok and bool(np.all(err <= 1e-5))
        print(f"{'OK  ' if ok else 'FAIL'} {name}: {len(model.layers)} layers, {model.count_params()} params, "
              f"{len(ys)} output(s){', next training step' if train is not None else ''}, max abs error {worst:.3g}")
        failures += 0 if ok else 1
    print(f"{len(files) - failures}/{len(files)} exports load in Keras and match Airfoil's predictions")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
