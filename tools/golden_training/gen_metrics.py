"""Golden values for Keras 3.15.1 metrics (update_state x2, result) -> metrics.json."""
import golden_common as gc
from golden_common import f32, np, keras

rng = np.random.default_rng(20240502)
M = keras.metrics


def two_batches(make):
    return [make(i) for i in range(2)]


data = {}


def binary_batch(i):
    yt = f32(rng.integers(0, 2, (8, 1)))
    yp = gc.rounded_uniform(rng, 0.0, 1.0, (8, 1), 2)
    if i == 0:
        yp[0, 0], yp[1, 0], yp[2, 0], yp[3, 0] = 0.5, 0.7, 0.0, 1.0  # exactly on thresholds / bounds
    return {"y_true": yt, "y_pred": yp, "sample_weight": gc.rounded_uniform(rng, 0.0, 2.0, (8,), 1)}


data["binary"] = {"note": "shape (8,1) 0/1 labels and probabilities; batch 0 has predictions exactly 0.5, 0.7, 0.0, 1.0",
                  "batches": two_batches(binary_batch)}


def multilabel_batch(i):
    yt = f32(rng.integers(0, 2, (5, 3)))
    yp = gc.rounded_uniform(rng, 0.0, 1.0, (5, 3), 2)
    return {"y_true": yt, "y_pred": yp, "sample_weight": gc.rounded_uniform(rng, 0.0, 2.0, (5,), 1)}


data["multilabel"] = {"note": "shape (5,3) multi-label 0/1 targets and probabilities",
                      "batches": two_batches(multilabel_batch)}


def categorical_batch(i):
    labels = rng.integers(0, 3, (5,))
    raw = rng.uniform(0.05, 1.0, (5, 3))
    yp = f32(np.round(raw / raw.sum(1, keepdims=True), 3))
    return {"labels": labels.astype(np.int32), "y_true": f32(np.eye(3)[labels]), "y_pred": yp,
            "sample_weight": gc.rounded_uniform(rng, 0.0, 2.0, (5,), 1)}


data["categorical"] = {"note": "5 samples, 3 classes: integer labels, one-hot y_true, probability rows",
                       "batches": two_batches(categorical_batch)}


def regression_batch(i):
    yt = gc.rounded_uniform(rng, 0.5, 3.0, (5, 2), 2)
    yp = f32(yt + gc.rounded_normal(rng, 0.5, (5, 2), 2))
    return {"y_true": yt, "y_pred": yp, "sample_weight": gc.rounded_uniform(rng, 0.0, 2.0, (5,), 1)}


data["regression"] = {"note": "shape (5,2) positive regression targets and noisy predictions",
                      "batches": two_batches(regression_batch)}


def exact_batch(i):
    yt = f32(rng.integers(0, 3, (6, 1)))
    yp = yt.copy()
    yp[rng.integers(0, 6, 3)] = f32(rng.integers(0, 3, (3, 1)))
    return {"y_true": yt, "y_pred": yp, "sample_weight": gc.rounded_uniform(rng, 0.0, 2.0, (6,), 1)}


data["exact"] = {"note": "shape (6,1) small integer values; Accuracy is exact equality",
                 "batches": two_batches(exact_batch)}

cases = [
    ("Accuracy", {}, "exact"),
    ("BinaryAccuracy", {}, "binary"),
    ("BinaryAccuracy", {"threshold": 0.7}, "binary"),
    ("CategoricalAccuracy", {}, "categorical"),
    ("SparseCategoricalAccuracy", {}, "categorical"),
    ("TopKCategoricalAccuracy", {"k": 2}, "categorical"),
    ("SparseTopKCategoricalAccuracy", {"k": 2}, "categorical"),
    ("Precision", {}, "binary"),
    ("Precision", {"thresholds": [0.3, 0.5, 0.7]}, "binary"),
    ("Precision", {}, "multilabel"),
    ("Precision", {"top_k": 2}, "multilabel"),
    ("Precision", {"class_id": 1}, "multilabel"),
    ("Recall", {}, "binary"),
    ("Recall", {"thresholds": [0.3, 0.5, 0.7]}, "binary"),
    ("Recall", {}, "multilabel"),
    ("Recall", {"top_k": 2}, "multilabel"),
    ("Recall", {"class_id": 1}, "multilabel"),
    ("AUC", {}, "binary"),
    ("AUC", {"curve": "PR"}, "binary"),
    ("AUC", {"summation_method": "minoring"}, "binary"),
    ("AUC", {"summation_method": "majoring"}, "binary"),
    ("AUC", {"curve": "PR", "summation_method": "majoring"}, "binary"),
    ("AUC", {"num_thresholds": 10}, "binary"),
    ("AUC", {}, "multilabel"),
    ("AUC", {"multi_label": True}, "multilabel"),
    ("F1Score", {"average": None, "threshold": 0.5}, "multilabel"),
    ("F1Score", {"average": "micro", "threshold": 0.5}, "multilabel"),
    ("F1Score", {"average": "macro", "threshold": 0.5}, "multilabel"),
    ("F1Score", {"average": "weighted", "threshold": 0.5}, "multilabel"),
    ("F1Score", {}, "categorical"),
    ("FBetaScore", {"beta": 2.0, "threshold": 0.5}, "multilabel"),
    ("FBetaScore", {"beta": 2.0, "average": "macro", "threshold": 0.5}, "multilabel"),
    ("TruePositives", {}, "binary"),
    ("FalsePositives", {}, "binary"),
    ("TrueNegatives", {}, "binary"),
    ("FalseNegatives", {}, "binary"),
    ("TruePositives", {"thresholds": [0.3, 0.5, 0.7]}, "binary"),
    ("FalseNegatives", {"thresholds": 0.7}, "multilabel"),
    ("MeanSquaredError", {}, "regression"),
    ("RootMeanSquaredError", {}, "regression"),
    ("MeanAbsoluteError", {}, "regression"),
    ("MeanAbsolutePercentageError", {}, "regression"),
    ("MeanSquaredLogarithmicError", {}, "regression"),
    ("R2Score", {}, "regression"),
    ("R2Score", {"class_aggregation": "variance_weighted_average"}, "regression"),
    ("R2Score", {"class_aggregation": None}, "regression"),
    ("R2Score", {"num_regressors": 1}, "regression"),
    ("BinaryCrossentropy", {}, "binary"),
    ("BinaryCrossentropy", {"label_smoothing": 0.1}, "binary"),
    ("CategoricalCrossentropy", {}, "categorical"),
    ("CategoricalCrossentropy", {"label_smoothing": 0.1}, "categorical"),
    ("SparseCategoricalCrossentropy", {}, "categorical"),
]

SPARSE = {"SparseCategoricalAccuracy", "SparseTopKCategoricalAccuracy", "SparseCategoricalCrossentropy"}

records = []
for cls_name, kwargs, dkey in cases:
    d = data[dkey]
    rec = {"id": cls_name + ("" if not kwargs else "(" + ",".join(f"{k}={v}" for k, v in kwargs.items()) + ")") + "@" + dkey,
           "class": cls_name, "kwargs": kwargs, "data": dkey,
           "y_true_field": "labels" if cls_name in SPARSE else "y_true"}
    for sw_mode in ("unweighted", "weighted"):
        m = getattr(M, cls_name)(**kwargs)
        if "config" not in rec:
            rec["config"] = m.get_config()
        rec[sw_mode] = gc.metric_trace(m, d["batches"], rec["y_true_field"], "y_pred", sw_mode == "weighted")
    records.append(rec)

gc.write_json("metrics.json", {
    "meta": gc.meta(
        "Keras metrics: a fresh metric gets update_state(batch 1), result(), update_state(batch 2), "
        "result(); once without and once with the batch's sample_weight vector. 'variables' is the "
        "metric's state after batch 2 (keyed by variable name). 'y_true_field' names which batch field "
        "was passed as y_true ('labels' = integer class ids)."),
    "data": data,
    "metrics": records,
})
