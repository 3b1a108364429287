"""Golden values for every Keras 3.15.1 loss class -> losses.json."""
import golden_common as gc
from golden_common import f32, np, keras, jax

import jax.numpy as jnp

rng = np.random.default_rng(20240501)

REDUCTIONS = ["sum_over_batch_size", "sum", "none", "mean", "mean_with_sample_weight"]
SAMPLE_WEIGHT = f32([0.5, 1.0, 2.0, 0.0])

# ---------------------------------------------------------------- datasets
data = {}

# regression targets; one exact 0 in y_true (MAPE epsilon) and in y_pred,
# one negative y_pred (MSLE clips to epsilon before log1p).
yt = gc.rounded_uniform(rng, 0.0, 3.0, (4, 3))
yp = gc.rounded_uniform(rng, 0.0, 3.0, (4, 3))
yt[1, 2] = 0.0
yp[2, 0] = 0.0
yp[3, 1] = -0.5
data["regression"] = {"y_true": yt, "y_pred": yp,
                      "note": "float regression targets; y_true[1][2]=0 (MAPE epsilon), y_pred[2][0]=0, y_pred[3][1]<0"}

# strictly positive-ish rates for Poisson; y_pred includes an exact 0
yt = f32(np.round(rng.uniform(0, 4, (4, 3))))
yp = gc.rounded_uniform(rng, 0.1, 4.0, (4, 3))
yp[0, 1] = 0.0
data["counts"] = {"y_true": yt, "y_pred": yp, "note": "count targets, positive rates, y_pred[0][1]=0"}

# binary multi-label probabilities with exact 0 and 1 predictions
yt = f32(rng.integers(0, 2, (4, 3)))
yp = gc.rounded_uniform(rng, 0.02, 0.98, (4, 3))
yt[0, 0], yp[0, 0] = 1.0, 0.0   # confidently wrong -> clipped to epsilon
yt[0, 1], yp[0, 1] = 0.0, 1.0   # confidently wrong -> clipped to 1-epsilon
yt[1, 0], yp[1, 0] = 1.0, 1.0   # confidently right
yt[1, 1], yp[1, 1] = 0.0, 0.0   # confidently right
data["binary_probs"] = {"y_true": yt, "y_pred": yp,
                        "note": "0/1 labels, probabilities incl. exact 0.0 and 1.0 at [0][0],[0][1],[1][0],[1][1]"}
data["binary_logits"] = {"y_true": yt.copy(), "y_pred": gc.rounded_normal(rng, 3.0, (4, 3)),
                         "note": "0/1 labels, logits"}
yt1 = f32(rng.integers(0, 2, (4, 1)))
yp1 = gc.rounded_uniform(rng, 0.02, 0.98, (4, 1))
yp1[2, 0] = 1.0
data["binary_probs_col"] = {"y_true": yt1, "y_pred": yp1, "note": "shape (4,1): one probability per sample"}
data["binary_probs_rank1"] = {"y_true": yt1[:, 0].copy(), "y_pred": yp1[:, 0].copy(),
                              "note": "shape (4,): Keras means over the LAST axis, so the per-sample value is a scalar for the whole batch"}

# categorical one-hot, probabilities (rows sum to 1), exact 0 / 1 rows
labels = np.array([0, 2, 1, 0])
yt = f32(np.eye(3)[labels])
raw = rng.uniform(0.05, 1.0, (4, 3))
yp = f32(np.round(raw / raw.sum(axis=1, keepdims=True), 3))
yp[:, 2] = f32(1.0) - yp[:, 0] - yp[:, 1]
yp[2] = f32([0.0, 1.0, 0.0])   # label 1 -> perfect
yp[3] = f32([0.0, 0.0, 1.0])   # label 0 -> predicted 0 -> clipped
data["categorical_probs"] = {"y_true": yt, "y_pred": yp, "labels": labels.astype(np.int32),
                             "note": "one-hot labels; softmax-like rows; row 2 perfect (exact 1), row 3 wrong with exact 0 on the true class"}
ypu = gc.rounded_uniform(rng, 0.05, 1.0, (4, 3))
data["categorical_unnormalized"] = {"y_true": yt.copy(), "y_pred": ypu, "labels": labels.astype(np.int32),
                                    "note": "rows do NOT sum to 1: Keras divides y_pred by its sum over the class axis before the log"}
data["categorical_logits"] = {"y_true": yt.copy(), "y_pred": gc.rounded_normal(rng, 2.0, (4, 3)),
                              "labels": labels.astype(np.int32), "note": "one-hot labels, logits"}
data["categorical_probs_axis0"] = {"y_true": yt.T.copy(), "y_pred": data["categorical_probs"]["y_pred"].T.copy(),
                                   "note": "categorical_probs transposed to (3,4); the class axis is 0"}
data["sparse_probs"] = {"y_true": labels.astype(np.int32), "y_pred": data["categorical_probs"]["y_pred"].copy(),
                        "note": "integer labels (4,), same probabilities as categorical_probs"}
data["sparse_logits"] = {"y_true": labels.astype(np.int32), "y_pred": data["categorical_logits"]["y_pred"].copy(),
                         "note": "integer labels (4,), same logits as categorical_logits"}

# distributions for KL divergence (zeros in both)
p = rng.uniform(0.0, 1.0, (4, 3)); p[0, 2] = 0.0
p = f32(np.round(p / p.sum(1, keepdims=True), 3))
q = rng.uniform(0.0, 1.0, (4, 3)); q[1, 0] = 0.0
q = f32(np.round(q / q.sum(1, keepdims=True), 3))
data["distributions"] = {"y_true": p, "y_pred": q, "note": "rows ~ probability vectors; y_true[0][2]=0, y_pred[1][0]=0"}

data["hinge_01"] = {"y_true": f32(rng.integers(0, 2, (4, 3))), "y_pred": gc.rounded_normal(rng, 1.0, (4, 3)),
                    "note": "0/1 labels: Keras maps 0 -> -1 before the hinge"}
data["hinge_pm1"] = {"y_true": f32(2 * rng.integers(0, 2, (4, 3)) - 1), "y_pred": gc.rounded_normal(rng, 1.0, (4, 3)),
                     "note": "-1/+1 labels"}
data["cosine"] = {"y_true": gc.rounded_normal(rng, 1.0, (4, 3)), "y_pred": gc.rounded_normal(rng, 1.0, (4, 3)),
                  "note": "arbitrary vectors"}
data["cosine"]["y_pred"][3] = 0.0
data["cosine"]["note"] += "; y_pred row 3 is all zeros (l2_normalize epsilon)"
data["circle"] = {"y_true": np.array([0, 1, 0, 1], dtype=np.int32), "y_pred": gc.rounded_normal(rng, 1.0, (4, 3)),
                  "note": "integer class labels and raw embeddings (Circle L2-normalizes them)"}

# data added later (after every random draw above, so the earlier data stay identical)
data["categorical_logits_axis0"] = {"y_true": data["categorical_logits"]["y_true"].T.copy(),
                                    "y_pred": data["categorical_logits"]["y_pred"].T.copy(),
                                    "note": "categorical_logits transposed to (3,4); the class axis is 0"}
data["sparse_padded"] = {"y_true": np.array([0, -1, 2, -1], dtype=np.int32),
                         "y_pred": data["categorical_probs"]["y_pred"].copy(),
                         "note": "integer labels with -1 padding entries, probabilities of categorical_probs"}

# ---------------------------------------------------------------- cases
L = keras.losses
cases = [
    ("MeanSquaredError", {}, "regression"),
    ("MeanAbsoluteError", {}, "regression"),
    ("MeanAbsolutePercentageError", {}, "regression"),
    ("MeanSquaredLogarithmicError", {}, "regression"),
    ("Huber", {}, "regression"),
    ("Huber", {"delta": 0.5}, "regression"),
    ("LogCosh", {}, "regression"),
    ("BinaryCrossentropy", {}, "binary_probs"),
    ("BinaryCrossentropy", {"from_logits": True}, "binary_logits"),
    ("BinaryCrossentropy", {"label_smoothing": 0.1}, "binary_probs"),
    ("BinaryCrossentropy", {}, "binary_probs_col"),
    ("BinaryCrossentropy", {}, "binary_probs_rank1"),
    ("BinaryFocalCrossentropy", {}, "binary_probs"),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.25, "gamma": 2.0}, "binary_probs"),
    ("BinaryFocalCrossentropy", {"from_logits": True}, "binary_logits"),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "from_logits": True, "label_smoothing": 0.1}, "binary_logits"),
    ("CategoricalCrossentropy", {}, "categorical_probs"),
    ("CategoricalCrossentropy", {}, "categorical_unnormalized"),
    ("CategoricalCrossentropy", {"from_logits": True}, "categorical_logits"),
    ("CategoricalCrossentropy", {"label_smoothing": 0.1}, "categorical_probs"),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, "categorical_logits"),
    ("CategoricalCrossentropy", {"axis": 0}, "categorical_probs_axis0"),
    ("CategoricalFocalCrossentropy", {}, "categorical_probs"),
    ("CategoricalFocalCrossentropy", {"from_logits": True}, "categorical_logits"),
    ("CategoricalFocalCrossentropy", {"alpha": 0.5, "gamma": 1.0, "label_smoothing": 0.1}, "categorical_probs"),
    ("SparseCategoricalCrossentropy", {}, "sparse_probs"),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, "sparse_logits"),
    ("SparseCategoricalCrossentropy", {"ignore_class": 0}, "sparse_probs"),
    ("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 2}, "sparse_logits"),
    ("KLDivergence", {}, "distributions"),
    ("Poisson", {}, "counts"),
    ("CosineSimilarity", {"axis": -1}, "cosine"),
    ("Hinge", {}, "hinge_01"),
    ("Hinge", {}, "hinge_pm1"),
    ("SquaredHinge", {}, "hinge_01"),
    ("SquaredHinge", {}, "hinge_pm1"),
    ("CategoricalHinge", {}, "categorical_probs"),
    ("Dice", {}, "binary_probs"),
    ("Dice", {"axis": 1}, "binary_probs"),
    ("Tversky", {"alpha": 0.3, "beta": 0.7}, "binary_probs"),
    ("Tversky", {"alpha": 0.3, "beta": 0.7, "axis": 1}, "binary_probs"),
    ("CategoricalGeneralizedCrossEntropy", {}, "sparse_probs"),
    ("CategoricalGeneralizedCrossEntropy", {"q": 0.7}, "sparse_probs"),
    ("Circle", {}, "circle"),
    # more options (appended so the earlier records stay identical)
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.2}, "binary_logits"),
    ("BinaryFocalCrossentropy", {"gamma": 0.5, "label_smoothing": 0.1}, "binary_probs"),
    ("CategoricalFocalCrossentropy", {"from_logits": True, "label_smoothing": 0.1, "alpha": 0.5}, "categorical_logits"),
    ("CategoricalFocalCrossentropy", {"axis": 0}, "categorical_probs_axis0"),
    ("CategoricalCrossentropy", {"from_logits": True, "axis": 0}, "categorical_logits_axis0"),
    ("Huber", {"delta": 2.0}, "regression"),
    ("SparseCategoricalCrossentropy", {"ignore_class": -1}, "sparse_padded"),
    ("Tversky", {"alpha": 0.7, "beta": 0.3}, "binary_probs"),
]


def to_np(x):
    return np.asarray(x)


def scalar_grad(loss_obj, y_true, y_pred, sw):
    def fn(p):
        return loss_obj(y_true, p, sample_weight=sw)
    return jax.grad(fn)(jnp.asarray(y_pred))


records = []
for cls_name, kwargs, dkey in cases:
    d = data[dkey]
    results = []
    for reduction in REDUCTIONS:
        loss_obj = getattr(L, cls_name)(reduction=reduction, **kwargs)
        for sw_name, sw in (("none", None), ("vector", SAMPLE_WEIGHT)):
            r = {"reduction": reduction, "sample_weight": sw_name}
            try:
                v = loss_obj(d["y_true"], d["y_pred"], sample_weight=sw)
                v = to_np(v)
                r["value_dtype"] = str(v.dtype)
                r["value"] = v
                if v.shape == ():
                    g = to_np(scalar_grad(loss_obj, d["y_true"], d["y_pred"], sw))
                    r["grad_wrt_y_pred"] = g
                    r["grad_dtype"] = str(g.dtype)
            except Exception as e:  # recorded, not hidden
                r["error"] = f"{type(e).__name__}: {e}"
            results.append(r)
    cfg = getattr(L, cls_name)(**kwargs).get_config()
    case_id = cls_name + ("" if not kwargs else "(" + ",".join(f"{k}={v}" for k, v in kwargs.items()) + ")") + "@" + dkey
    records.append({"id": case_id, "class": cls_name, "kwargs": kwargs, "config": cfg,
                    "data": dkey, "results": results})

# ---------------------------------------------------------------- plain functions
fn_cases = [
    ("mean_squared_error", {}, "regression"),
    ("mean_absolute_error", {}, "regression"),
    ("mean_absolute_percentage_error", {}, "regression"),
    ("mean_squared_logarithmic_error", {}, "regression"),
    ("huber", {}, "regression"),
    ("huber", {"delta": 0.5}, "regression"),
    ("log_cosh", {}, "regression"),
    ("binary_crossentropy", {}, "binary_probs"),
    ("binary_crossentropy", {"from_logits": True}, "binary_logits"),
    ("binary_crossentropy", {"label_smoothing": 0.1}, "binary_probs"),
    ("binary_crossentropy", {}, "binary_probs_col"),
    ("binary_crossentropy", {}, "binary_probs_rank1"),
    ("binary_focal_crossentropy", {}, "binary_probs"),
    ("binary_focal_crossentropy", {"apply_class_balancing": True}, "binary_probs"),
    ("binary_focal_crossentropy", {"from_logits": True}, "binary_logits"),
    ("categorical_crossentropy", {}, "categorical_probs"),
    ("categorical_crossentropy", {}, "categorical_unnormalized"),
    ("categorical_crossentropy", {"from_logits": True}, "categorical_logits"),
    ("categorical_crossentropy", {"label_smoothing": 0.1}, "categorical_probs"),
    ("categorical_crossentropy", {"axis": 0}, "categorical_probs_axis0"),
    ("categorical_focal_crossentropy", {}, "categorical_probs"),
    ("categorical_focal_crossentropy", {"from_logits": True}, "categorical_logits"),
    ("sparse_categorical_crossentropy", {}, "sparse_probs"),
    ("sparse_categorical_crossentropy", {"from_logits": True}, "sparse_logits"),
    ("sparse_categorical_crossentropy", {"ignore_class": 0}, "sparse_probs"),
    ("kl_divergence", {}, "distributions"),
    ("poisson", {}, "counts"),
    ("cosine_similarity", {}, "cosine"),
    ("hinge", {}, "hinge_01"),
    ("hinge", {}, "hinge_pm1"),
    ("squared_hinge", {}, "hinge_01"),
    ("categorical_hinge", {}, "categorical_probs"),
    ("dice", {}, "binary_probs"),
    ("dice", {"axis": 1}, "binary_probs"),
    ("tversky", {"alpha": 0.3, "beta": 0.7}, "binary_probs"),
    ("categorical_generalized_cross_entropy", {"q": 0.5}, "sparse_probs"),
]
functions = []
for fname, kwargs, dkey in fn_cases:
    d = data[dkey]
    fn = getattr(L, fname)
    rec = {"function": "keras.losses." + fname, "kwargs": kwargs, "data": dkey}
    try:
        v = to_np(fn(d["y_true"], d["y_pred"], **kwargs))
        rec["value_dtype"] = str(v.dtype)
        rec["per_sample"] = v
    except Exception as e:
        rec["error"] = f"{type(e).__name__}: {e}"
    functions.append(rec)

gc.write_json("losses.json", {
    "meta": gc.meta(
        "Every Keras loss class on fixed data: value for each reduction with and without a "
        "sample_weight vector, and jax.grad of the scalar loss w.r.t. y_pred (float32, the Keras "
        "default). Reduction 'none' has no gradient. Plus per-sample values of the plain "
        "keras.losses functions."),
    "sample_weight_vector": SAMPLE_WEIGHT,
    "reductions": REDUCTIONS,
    "data": data,
    "losses": records,
    "functions": functions,
})
