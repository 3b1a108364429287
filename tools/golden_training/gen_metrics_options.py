"""More Keras 3.15.1 metric options (from_logits, top_k/class_id, thresholds, ties, rank-3 data)
-> metrics_options.json, same schema as metrics.json (see gen_metrics.py)."""
import golden_common as gc
from golden_common import f32, np, keras

rng = np.random.default_rng(20240601)
M = keras.metrics


def two_batches(make):
    return [make(i) for i in range(2)]


def sw(n):
    return gc.rounded_uniform(rng, 0.0, 2.0, (n,), 1)


data = {}


def logits_batch(i):
    return {"y_true": f32(rng.integers(0, 2, (8, 1))), "y_pred": gc.rounded_normal(rng, 2.0, (8, 1)),
            "sample_weight": sw(8)}


data["binary_logits"] = {"note": "shape (8,1) 0/1 labels and logits", "batches": two_batches(logits_batch)}


def multilabel_batch(i):
    yp = gc.rounded_uniform(rng, 0.0, 1.0, (6, 3), 1)
    return {"y_true": f32(rng.integers(0, 2, (6, 3))), "y_pred": yp, "sample_weight": sw(6)}


data["multilabel_coarse"] = {"note": "shape (6,3) multi-label targets, probabilities with one decimal (ties)",
                             "batches": two_batches(multilabel_batch)}


def categorical_batch(i):
    labels = rng.integers(0, 4, (6,))
    logits = gc.rounded_normal(rng, 1.5, (6, 4), 2)
    probs = f32(np.round(np.exp(logits) / np.exp(logits).sum(1, keepdims=True), 3))
    if i == 0:  # ties: a row with two equal maxima, one uniform row
        probs[0] = f32([0.4, 0.4, 0.1, 0.1])
        probs[1] = f32([0.25, 0.25, 0.25, 0.25])
        logits[0] = f32([1.0, 1.0, 0.0, 0.0])
    return {"labels": labels.astype(np.int32), "labels_col": labels.reshape(6, 1).astype(np.int32),
            "y_true": f32(np.eye(4)[labels]), "y_pred": probs, "logits": logits, "sample_weight": sw(6)}


data["categorical4"] = {"note": "6 samples, 4 classes; batch 0 row 0 has a two-way tie, row 1 is uniform; "
                                "'labels_col' = labels as shape (6,1); 'logits' a logit version",
                        "batches": two_batches(categorical_batch)}


def rank3_batch(i):
    yt = gc.rounded_uniform(rng, 0.5, 3.0, (4, 2, 3), 2)
    return {"y_true": yt, "y_pred": f32(yt + gc.rounded_normal(rng, 0.5, (4, 2, 3), 2)), "sample_weight": sw(4)}


data["regression_rank3"] = {"note": "shape (4,2,3) regression data; sample weights per sample (4,)",
                            "batches": two_batches(rank3_batch)}

# (class, kwargs, data key, y_true field, y_pred field)
cases = [
    ("BinaryAccuracy", {"threshold": 0.0}, "binary_logits", "y_true", "y_pred"),
    ("BinaryCrossentropy", {"from_logits": True}, "binary_logits", "y_true", "y_pred"),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.2}, "binary_logits", "y_true", "y_pred"),
    ("AUC", {"from_logits": True}, "binary_logits", "y_true", "y_pred"),
    ("AUC", {"num_thresholds": 3, "curve": "PR", "summation_method": "interpolation"}, "multilabel_coarse", "y_true", "y_pred"),
    ("Precision", {"thresholds": 0.5}, "multilabel_coarse", "y_true", "y_pred"),
    ("Precision", {"top_k": 1, "class_id": 2}, "multilabel_coarse", "y_true", "y_pred"),
    ("Recall", {"top_k": 2, "class_id": 0}, "multilabel_coarse", "y_true", "y_pred"),
    ("Recall", {"thresholds": [0.0, 0.5, 1.0]}, "multilabel_coarse", "y_true", "y_pred"),
    ("F1Score", {"average": "micro"}, "multilabel_coarse", "y_true", "y_pred"),
    ("FBetaScore", {"beta": 0.5, "average": "weighted", "threshold": 0.4}, "multilabel_coarse", "y_true", "y_pred"),
    ("CategoricalAccuracy", {}, "categorical4", "y_true", "y_pred"),
    ("SparseCategoricalAccuracy", {}, "categorical4", "labels_col", "y_pred"),
    ("TopKCategoricalAccuracy", {"k": 1}, "categorical4", "y_true", "y_pred"),
    ("TopKCategoricalAccuracy", {"k": 3}, "categorical4", "y_true", "y_pred"),
    ("SparseTopKCategoricalAccuracy", {"k": 1}, "categorical4", "labels", "y_pred"),
    ("SparseTopKCategoricalAccuracy", {"k": 2}, "categorical4", "labels_col", "y_pred"),
    ("SparseTopKCategoricalAccuracy", {"k": 2, "from_sorted_ids": False}, "categorical4", "labels", "logits"),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, "categorical4", "y_true", "logits"),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, "categorical4", "labels", "logits"),
    ("SparseCategoricalCrossentropy", {}, "categorical4", "labels_col", "y_pred"),
    ("Precision", {}, "categorical4", "y_true", "y_pred"),
    ("MeanSquaredError", {}, "regression_rank3", "y_true", "y_pred"),
    ("MeanAbsoluteError", {}, "regression_rank3", "y_true", "y_pred"),
    ("RootMeanSquaredError", {}, "regression_rank3", "y_true", "y_pred"),
    ("MeanAbsolutePercentageError", {}, "regression_rank3", "y_true", "y_pred"),
]

records = []
for cls_name, kwargs, dkey, yt_field, yp_field in cases:
    d = data[dkey]
    rec = {"id": cls_name + ("" if not kwargs else "(" + ",".join(f"{k}={v}" for k, v in kwargs.items()) + ")")
           + "@" + dkey + ("" if yt_field in ("y_true", "labels") else ":" + yt_field)
           + ("" if yp_field == "y_pred" else ":" + yp_field),
           "class": cls_name, "kwargs": kwargs, "data": dkey, "y_true_field": yt_field, "y_pred_field": yp_field}
    for sw_mode in ("unweighted", "weighted"):
        try:
            m = getattr(M, cls_name)(**kwargs)
        except Exception as e:
            rec["construct_error"] = f"{type(e).__name__}: {e}"
            break
        if "config" not in rec:
            rec["config"] = m.get_config()
        rec[sw_mode] = gc.metric_trace(m, d["batches"], yt_field, yp_field, sw_mode == "weighted")
    records.append(rec)

gc.write_json("metrics_options.json", {
    "meta": gc.meta(
        "More metric options, same protocol and schema as metrics.json: a fresh metric gets "
        "update_state(batch 1), result(), update_state(batch 2), result(), once without and once with the "
        "batch's sample_weight. 'y_true_field' / 'y_pred_field' name the batch fields passed."),
    "data": data,
    "metrics": records,
})
