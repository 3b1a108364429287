#!/usr/bin/python3
"""Reference figures from scikit-learn / SciPy for dev.airfoil.evaluation.

Run from the repository root with Debian's packages (apt-get install python3-sklearn):

    /usr/bin/python3 tools/golden/sklearn_evaluation.py

Writes core/src/test/resources/golden/sklearn/*.json. The data are the UCI tables in
../shared/datasets/uci (identical to Airfoil's bundled copies). Every split used by a model
comparison is written out as indices, so the Java tests train on exactly the same rows.
"""
import gzip
import json
import os
import sys

import numpy as np
import scipy
import scipy.stats
import sklearn
from sklearn.ensemble import (AdaBoostClassifier, AdaBoostRegressor, BaggingClassifier,
                              GradientBoostingClassifier, GradientBoostingRegressor)
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import (GroupKFold, KFold, LeaveOneOut, RepeatedKFold,
                                     StratifiedKFold, train_test_split)
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UCI = os.environ.get("UCI_DIR", os.path.join(ROOT, "..", "shared", "datasets", "uci"))
OUT = os.path.join(ROOT, "core", "src", "test", "resources", "golden", "sklearn")


def headed(name):
    with open(os.path.join(UCI, name)) as f:
        f.readline()
        rows = [list(map(float, line.split(","))) for line in f if line.strip()]
    a = np.array(rows)
    return a[:, :-1].astype(np.float32), a[:, -1].astype(np.int64)


def diabetes():
    with gzip.open(os.path.join(UCI, "diabetes_data_raw.csv.gz"), "rt") as f:
        x = np.array([list(map(float, l.split())) for l in f if l.strip()], dtype=np.float32)
    with gzip.open(os.path.join(UCI, "diabetes_target.csv.gz"), "rt") as f:
        y = np.array([float(l) for l in f if l.strip()], dtype=np.float32)
    return x, y


def write(name, obj):
    obj = dict(obj)
    obj["_versions"] = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", name)


def tolist(a):
    return [x.item() if hasattr(x, "item") else x for x in np.asarray(a).ravel()]


def split_indices(n, y, test_size, seed, stratify=True):
    idx = np.arange(n)
    tr, te = train_test_split(idx, test_size=test_size, random_state=seed, stratify=y if stratify else None)
    return sorted(tr.tolist()), sorted(te.tolist())


def splits():
    xi, yi = headed("iris.csv")
    xw, yw = headed("wine_data.csv")
    xb, yb = headed("breast_cancer.csv")
    out = {"kfold": [], "stratified": [], "group": [], "sizes": []}
    for n, k in [(150, 5), (178, 5), (10, 3), (569, 10)]:
        out["kfold"].append({"n": n, "k": k,
                             "test": [te.tolist() for _, te in KFold(k).split(np.zeros(n))]})
    for name, y, k in [("iris", yi, 5), ("wine", yw, 5), ("breast-cancer", yb, 10), ("wine", yw, 3)]:
        out["stratified"].append({"data": name, "k": k,
                                  "test": [te.tolist() for _, te in StratifiedKFold(k).split(np.zeros(len(y)), y)]})
        # shuffled: only per-fold class counts are comparable (different random streams)
        counts = [np.bincount(y[te], minlength=y.max() + 1).tolist()
                  for _, te in StratifiedKFold(k, shuffle=True, random_state=0).split(np.zeros(len(y)), y)]
        out["stratified"][-1]["shuffled_class_counts"] = counts
    rng = np.random.RandomState(0)
    for n, g, k in [(100, 10, 3), (178, 13, 4)]:
        groups = (np.arange(n) * 7919 % g).astype(int)
        folds = [te.tolist() for _, te in GroupKFold(k).split(np.zeros(n), groups=groups)]
        out["group"].append({"n": n, "k": k, "groups": groups.tolist(), "test": folds,
                             "sizes": [len(f) for f in folds]})
    for n, ts in [(150, 0.2), (178, 0.25), (569, 0.3), (442, 0.1), (10, 0.33)]:
        tr, te = train_test_split(np.arange(n), test_size=ts, random_state=0)
        out["sizes"].append({"n": n, "test_size": ts, "train": len(tr), "test": len(te)})
    for name, y, ts in [("iris", yi, 0.2), ("wine", yw, 0.25), ("breast-cancer", yb, 0.3)]:
        tr, te = train_test_split(np.arange(len(y)), test_size=ts, random_state=0, stratify=y)
        out.setdefault("stratified_sizes", []).append(
            {"data": name, "test_size": ts, "train": len(tr), "test": len(te),
             "test_class_counts": np.bincount(y[te]).tolist()})
    rk = list(RepeatedKFold(n_splits=5, n_repeats=3, random_state=0).split(np.zeros(150)))
    out["repeated"] = {"n": 150, "k": 5, "repeats": 3, "folds": len(rk), "test_sizes": [len(te) for _, te in rk]}
    out["loo"] = {"n": 12, "folds": sum(1 for _ in LeaveOneOut().split(np.zeros(12)))}
    write("splits.json", out)


def bootstrap():
    _, yd = diabetes()
    data = yd[:60].astype(np.float64)
    out = {"data": data.tolist(), "confidence": 0.95, "n_resamples": 9999, "intervals": {}}
    for stat_name, stat in [("mean", np.mean), ("median", np.median), ("std", np.std)]:
        for method in ["percentile", "BCa"]:
            res = scipy.stats.bootstrap((data,), stat, confidence_level=0.95, n_resamples=9999,
                                        method=method, random_state=0, vectorized=False)
            out["intervals"][stat_name + "_" + method] = [float(res.confidence_interval.low),
                                                          float(res.confidence_interval.high),
                                                          float(res.standard_error)]
    # accuracy of a fixed prediction vector (a "metric" statistic)
    rng = np.random.RandomState(1)
    yt = rng.randint(0, 3, 200)
    yp = np.where(rng.rand(200) < 0.8, yt, (yt + 1) % 3)
    res = {}
    for method in ["percentile", "BCa"]:
        r = scipy.stats.bootstrap((yt, yp), lambda a, b: np.mean(a == b), paired=True, vectorized=False,
                                  confidence_level=0.95, n_resamples=9999, method=method, random_state=0)
        res[method] = [float(r.confidence_interval.low), float(r.confidence_interval.high)]
    out["accuracy"] = {"y_true": yt.tolist(), "y_pred": yp.tolist(), "intervals": res,
                       "estimate": float(np.mean(yt == yp))}
    out["normal"] = {"cdf": {str(z): float(scipy.stats.norm.cdf(z)) for z in [-6.0, -3.0, -1.96, -0.5, 0.0, 0.3, 1.0, 2.5, 8.0]},
                     "ppf": {str(p): float(scipy.stats.norm.ppf(p)) for p in [1e-10, 0.001, 0.025, 0.2, 0.5, 0.9, 0.975, 0.9999]}}
    write("bootstrap.json", out)


def trees():
    xi, yi = headed("iris.csv")
    xw, yw = headed("wine_data.csv")
    xd, yd = diabetes()
    out = {}
    for name, x, y, crit, depth in [("iris_gini_3", xi, yi, "gini", 3), ("wine_entropy_4", xw, yw, "entropy", 4),
                                    ("iris_full", xi, yi, "gini", None)]:
        t = DecisionTreeClassifier(criterion=crit, max_depth=depth, random_state=0).fit(x, y)
        out[name] = {"criterion": crit, "max_depth": depth, "node_count": int(t.tree_.node_count),
                     "depth": int(t.get_depth()), "leaves": int(t.get_n_leaves()),
                     "root_feature": int(t.tree_.feature[0]), "root_threshold": float(t.tree_.threshold[0]),
                     "predict": tolist(t.predict(x)), "train_accuracy": float(t.score(x, y)),
                     "feature_importances": tolist(t.feature_importances_)}
    for depth in [3, 5]:
        t = DecisionTreeRegressor(max_depth=depth, random_state=0).fit(xd, yd)
        out["diabetes_depth_%d" % depth] = {"max_depth": depth, "node_count": int(t.tree_.node_count),
                                            "root_feature": int(t.tree_.feature[0]),
                                            "root_threshold": float(t.tree_.threshold[0]),
                                            "predict": tolist(t.predict(xd)), "train_r2": float(t.score(xd, yd))}
    # weighted stump
    w = np.linspace(0.1, 2.0, len(yi))
    t = DecisionTreeClassifier(max_depth=1, random_state=0).fit(xi, yi, sample_weight=w)
    out["iris_weighted_stump"] = {"weights": "linspace(0.1, 2.0, n)", "root_feature": int(t.tree_.feature[0]),
                                  "root_threshold": float(t.tree_.threshold[0]), "predict": tolist(t.predict(xi))}
    write("trees.json", out)


def ensembles():
    xb, yb = headed("breast_cancer.csv")
    xw, yw = headed("wine_data.csv")
    xi, yi = headed("iris.csv")
    xd, yd = diabetes()
    out = {}
    tr, te = split_indices(len(yb), yb, 0.25, 0)
    ada = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), n_estimators=50,
                             algorithm="SAMME", random_state=0).fit(xb[tr], yb[tr])
    out["adaboost_breast_cancer"] = {
        "train": tr, "test": te, "n_estimators": 50,
        "train_accuracy": float(ada.score(xb[tr], yb[tr])), "test_accuracy": float(ada.score(xb[te], yb[te])),
        "estimator_weights": tolist(ada.estimator_weights_[:10]), "estimator_errors": tolist(ada.estimator_errors_[:10]),
        "staged_test_accuracy": [float(accuracy_score(yb[te], p)) for p in ada.staged_predict(xb[te])]}
    tr, te = split_indices(len(yw), yw, 0.3, 0)
    ada = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=2), n_estimators=30,
                             algorithm="SAMME", random_state=0).fit(xw[tr], yw[tr])
    out["adaboost_wine_depth2"] = {"train": tr, "test": te, "n_estimators": 30,
                                   "test_accuracy": float(ada.score(xw[te], yw[te])),
                                   "estimator_weights": tolist(ada.estimator_weights_[:5])}
    trd, ted = split_indices(len(yd), None, 0.25, 0, stratify=False)
    r2 = AdaBoostRegressor(estimator=DecisionTreeRegressor(max_depth=3), n_estimators=50, random_state=0)
    r2.fit(xd[trd], yd[trd])
    out["adaboost_r2_diabetes"] = {"train": trd, "test": ted, "test_r2": float(r2.score(xd[ted], yd[ted])),
                                   "train_r2": float(r2.score(xd[trd], yd[trd]))}
    bag_runs = []
    for seed in range(5):
        bag = BaggingClassifier(estimator=DecisionTreeClassifier(), n_estimators=50, oob_score=True,
                                random_state=seed).fit(xw[tr], yw[tr])
        bag_runs.append((bag.score(xw[te], yw[te]), bag.oob_score_))
    bagf = [BaggingClassifier(estimator=DecisionTreeClassifier(), n_estimators=50, max_features=0.5, oob_score=True,
                              random_state=s).fit(xw[tr], yw[tr]) for s in range(5)]
    single = DecisionTreeClassifier(random_state=0).fit(xw[tr], yw[tr])
    out["bagging_wine"] = {"train": tr, "test": te, "n_estimators": 50,
                           "test_accuracy_runs": [float(a) for a, _ in bag_runs],
                           "oob_score_runs": [float(o) for _, o in bag_runs],
                           "test_accuracy_mean": float(np.mean([a for a, _ in bag_runs])),
                           "oob_score_mean": float(np.mean([o for _, o in bag_runs])),
                           "max_features_half_test_accuracy_mean": float(np.mean([b.score(xw[te], yw[te]) for b in bagf])),
                           "single_tree_test_accuracy": float(single.score(xw[te], yw[te]))}
    gbr = GradientBoostingRegressor(n_estimators=100, max_depth=3, learning_rate=0.1, random_state=0)
    gbr.fit(xd[trd], yd[trd])
    out["gradient_boosting_diabetes"] = {
        "train": trd, "test": ted, "n_estimators": 100, "max_depth": 3, "learning_rate": 0.1,
        "train_r2": float(gbr.score(xd[trd], yd[trd])), "test_r2": float(gbr.score(xd[ted], yd[ted])),
        "train_loss": tolist(gbr.train_score_[:10]), "init": float(np.mean(yd[trd])),
        "test_predictions": tolist(gbr.predict(xd[ted])[:20]),
        "staged_test_r2": [float(r2_score(yd[ted], p)) for p in gbr.staged_predict(xd[ted])][9::10]}
    tr, te = split_indices(len(yb), yb, 0.25, 0)
    gbc = GradientBoostingClassifier(n_estimators=50, max_depth=2, learning_rate=0.1, random_state=0)
    gbc.fit(xb[tr], yb[tr])
    out["gradient_boosting_breast_cancer"] = {
        "train": tr, "test": te, "n_estimators": 50, "max_depth": 2, "learning_rate": 0.1,
        "train_accuracy": float(gbc.score(xb[tr], yb[tr])), "test_accuracy": float(gbc.score(xb[te], yb[te])),
        "train_loss": tolist(gbc.train_score_[:10]), "test_proba": tolist(gbc.predict_proba(xb[te])[:10, 1])}
    tr, te = split_indices(len(yi), yi, 0.3, 0)
    gbm = GradientBoostingClassifier(n_estimators=30, max_depth=2, learning_rate=0.1, random_state=0)
    gbm.fit(xi[tr], yi[tr])
    out["gradient_boosting_iris"] = {
        "train": tr, "test": te, "n_estimators": 30, "max_depth": 2, "learning_rate": 0.1,
        "train_accuracy": float(gbm.score(xi[tr], yi[tr])), "test_accuracy": float(gbm.score(xi[te], yi[te])),
        "train_loss": tolist(gbm.train_score_[:10]), "test_proba": tolist(gbm.predict_proba(xi[te])[:5])}
    write("ensembles.json", out)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    splits()
    bootstrap()
    trees()
    ensembles()
