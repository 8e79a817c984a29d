#!/usr/bin/python3
"""Expected SVC results from scikit-learn for test_svc.cpp.

Run from the repository root with Debian's interpreter (scikit-learn 1.2.1):
    /usr/bin/python3 tests/engine/models/svm/data/make_expected.py
Moons come from make_moons(600, noise=0.25, random_state=0) and are stored
here; breast_cancer and iris are read from the shipped CSVs. Splits are
train_test_split(test_size=0.25, random_state=0, stratify=y). "scaled" means
standardized with the training rows' mean and population std (the test does
the same). Writes svc_expected.json next to this script.
"""
import csv, json, os
import numpy as np
import sklearn
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 5))


def load(name):
    with open(os.path.join(ROOT, "resources", "datasets", name + ".csv")) as f:
        rows = list(csv.reader(f))
    X = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    target = [r[-1] for r in rows[1:]]
    labels = sorted(set(target))
    return X, np.array([labels.index(v) for v in target])


Xm, ym = make_moons(600, noise=0.25, random_state=0)
data = {"moons": (Xm, ym), "breast_cancer": load("breast_cancer"), "iris": load("iris")}
out = {"sklearn": sklearn.__version__, "moons": {"X": Xm.tolist(), "y": ym.tolist()}, "splits": {}, "cases": []}
cases = [
    ("moons", False, dict(kernel="rbf")),
    ("moons", False, dict(kernel="rbf", C=10.0, gamma=2.0)),
    ("moons", False, dict(kernel="linear", C=1.0)),
    ("moons", False, dict(kernel="poly", degree=3, coef0=1.0, C=1.0)),
    ("moons", False, dict(kernel="rbf", C=1.0, probability=True)),
    ("breast_cancer", False, dict(kernel="rbf")),
    ("breast_cancer", True, dict(kernel="rbf", C=1.0)),
    ("breast_cancer", True, dict(kernel="linear", C=0.1)),
    ("breast_cancer", True, dict(kernel="rbf", C=1.0, class_weight="balanced")),
    ("iris", False, dict(kernel="rbf")),
    ("iris", False, dict(kernel="linear", C=0.5)),
    ("iris", True, dict(kernel="rbf", C=3.0, gamma=0.2, probability=True)),
]
for name, (X, y) in data.items():
    tr, te = train_test_split(np.arange(len(y)), test_size=0.25, random_state=0, stratify=y)
    out["splits"][name] = {"train": tr.tolist(), "test": te.tolist()}
for name, scaled, params in cases:
    X, y = data[name]
    split = out["splits"][name]
    tr, te = np.array(split["train"]), np.array(split["test"])
    Xtr, Xte = X[tr], X[te]
    if scaled:
        mu, sd = Xtr.mean(axis=0), Xtr.std(axis=0)
        Xtr, Xte = (Xtr - mu) / sd, (Xte - mu) / sd
    m = SVC(random_state=0, **params).fit(Xtr, y[tr])
    pred = m.predict(Xte)
    case = {"dataset": name, "scaled": scaled, "params": params,
            "predict": pred.tolist(), "accuracy": float((pred == y[te]).mean()),
            "decision_function": m.decision_function(Xte).tolist(),
            "n_support": m.n_support_.tolist(), "gamma": float(m._gamma),
            "intercept": m.intercept_.tolist()}
    if params.get("probability"):
        case["predict_proba"] = m.predict_proba(Xte).tolist()
    out["cases"].append(case)
with open(os.path.join(HERE, "svc_expected.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.join(HERE, "svc_expected.json"))
