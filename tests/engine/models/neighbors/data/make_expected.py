#!/usr/bin/python3
"""Expected kNN results from scikit-learn for test_k_neighbors.cpp.

Run from the repository root with Debian's interpreter (scikit-learn 1.2.1):
    /usr/bin/python3 tests/engine/models/neighbors/data/make_expected.py
It reads the shipped CSVs (so both sides use the same numbers), splits them
like train_test_split(test_size=0.25, random_state=0, stratify=y) and writes
knn_expected.json next to this script.
"""
import csv, json, os
import numpy as np
import sklearn
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 5))


def load(name, classify=True):
    with open(os.path.join(ROOT, "resources", "datasets", name + ".csv")) as f:
        rows = list(csv.reader(f))
    X = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    target = [r[-1] for r in rows[1:]]
    if not classify:
        return X, np.array([float(v) for v in target])
    labels = sorted(set(target))  # the engine's targetCodes(): sorted labels -> 0..K-1
    return X, np.array([labels.index(v) for v in target])


out = {"sklearn": sklearn.__version__, "splits": {}, "classification": [], "regression": []}
configs = [(1, "uniform", 2), (5, "uniform", 2), (5, "distance", 2), (15, "uniform", 1), (7, "distance", 1),
           (5, "uniform", 3)]
for name in ("iris", "wine"):
    X, y = load(name)
    idx = np.arange(len(y))
    tr, te = train_test_split(idx, test_size=0.25, random_state=0, stratify=y)
    out["splits"][name] = {"train": tr.tolist(), "test": te.tolist()}
    for k, w, p in configs:
        m = KNeighborsClassifier(n_neighbors=k, weights=w, p=p).fit(X[tr], y[tr])
        dist, _ = m.kneighbors(X[te])
        out["classification"].append({
            "dataset": name, "n_neighbors": k, "weights": w, "p": p,
            "predict": m.predict(X[te]).tolist(),
            "predict_proba": m.predict_proba(X[te]).tolist(),
        })
        if (k, w, p) == (5, "uniform", 2):
            out["classification"][-1]["distances"] = dist.tolist()
X, y = load("diabetes", classify=False)
idx = np.arange(len(y))
tr, te = train_test_split(idx, test_size=0.25, random_state=0)
out["splits"]["diabetes"] = {"train": tr.tolist(), "test": te.tolist()}
for k, w, p in [(5, "uniform", 2), (10, "distance", 2), (3, "uniform", 1)]:
    m = KNeighborsRegressor(n_neighbors=k, weights=w, p=p).fit(X[tr], y[tr])
    out["regression"].append({
        "dataset": "diabetes", "n_neighbors": k, "weights": w, "p": p, "predict": m.predict(X[te]).tolist(),
    })
with open(os.path.join(HERE, "knn_expected.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.join(HERE, "knn_expected.json"))
