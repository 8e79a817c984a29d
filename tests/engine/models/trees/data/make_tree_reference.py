#!/usr/bin/python3
"""Reference numbers for the tree-model tests (tests/engine/models/trees).

    /usr/bin/python3 tests/engine/models/trees/data/make_tree_reference.py

Reads the shipped CSVs (resources/datasets), splits them like
/work/shared/bench/make_data.py (train_test_split, test_size=0.25,
random_state=0, stratified for classification) and writes the row indices of
each split to tree_splits.json, which the tests load: the C++ split would
draw different rows. Then it fits scikit-learn 1.2.1 / XGBoost 1.7.4 models
on the same rows and prints the metrics the tests hold as constants.
"""
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn import metrics
from sklearn.ensemble import AdaBoostClassifier, RandomForestClassifier, RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
DATA = os.path.join(ROOT, "resources", "datasets")
TARGETS = {"iris": "species", "breast_cancer": "diagnosis", "digits": "label", "diabetes": "disease_progression"}


def load(name):
    # round_trip: the same doubles as a correctly rounded C++ parser.
    df = pd.read_csv(os.path.join(DATA, name + ".csv"), float_precision="round_trip")
    t = TARGETS[name]
    X = df.drop(columns=[t]).to_numpy(dtype=np.float64)
    y = df[t].to_numpy()
    if name != "diabetes":
        # Class codes in sorted label order, as Dataset::targetCodes().
        _, y = np.unique(y, return_inverse=True)
    return X, y.astype(np.float64)


def main():
    splits, data = {}, {}
    for name in TARGETS:
        X, y = load(name)
        rows = np.arange(len(y))
        tr, te = train_test_split(rows, test_size=0.25, random_state=0,
                                  stratify=None if name == "diabetes" else y)
        splits[name] = {"train": tr.tolist(), "test": te.tolist()}
        data[name] = (X[tr], y[tr], X[te], y[te])
    with open(os.path.join(HERE, "tree_splits.json"), "w") as f:
        json.dump(splits, f, separators=(",", ":"))
        f.write("\n")

    def cls_metrics(model, name):
        Xtr, ytr, Xte, yte = data[name]
        model.fit(Xtr, ytr)
        p = model.predict_proba(Xte)
        acc = metrics.accuracy_score(yte, p.argmax(1))
        auc = metrics.roc_auc_score(yte, p[:, 1]) if p.shape[1] == 2 else \
            metrics.roc_auc_score(yte, p, multi_class="ovr")
        return acc, auc

    def r2(model, name):
        Xtr, ytr, Xte, yte = data[name]
        model.fit(Xtr, ytr)
        return metrics.r2_score(yte, model.predict(Xte))

    warnings.simplefilter("ignore")
    out = {}
    Xtr, ytr, Xte, yte = data["iris"]
    for s in range(4):
        m = DecisionTreeClassifier(max_depth=4, random_state=s).fit(Xtr, ytr)
        out[f"dt_iris_depth4_seed{s}"] = {"accuracy": metrics.accuracy_score(yte, m.predict(Xte)),
                                          "predictions": m.predict(Xte).astype(int).tolist(),
                                          "importances": m.feature_importances_.tolist()}
    m = DecisionTreeRegressor(max_depth=4, random_state=0)
    out["dt_diabetes_depth4_r2"] = r2(m, "diabetes")
    for name in ("breast_cancer", "digits"):
        vals = [cls_metrics(RandomForestClassifier(n_estimators=100, random_state=s, n_jobs=1), name)
                for s in range(10)]
        out[f"rf_{name}"] = {"seed0": vals[0], "min_accuracy": min(v[0] for v in vals),
                             "min_auc": min(v[1] for v in vals)}
        out[f"xgb_{name}"] = cls_metrics(xgb.XGBClassifier(n_estimators=100, learning_rate=0.3, max_depth=6,
                                                           tree_method="hist", max_bin=256, n_jobs=1,
                                                           random_state=0), name)
    vals = [r2(RandomForestRegressor(n_estimators=100, random_state=s, n_jobs=1), "diabetes") for s in range(10)]
    out["rf_diabetes_r2"] = {"seed0": vals[0], "min": min(vals)}
    out["xgb_diabetes_r2"] = r2(xgb.XGBRegressor(n_estimators=100, learning_rate=0.1, max_depth=3,
                                                 tree_method="hist", max_bin=256, n_jobs=1, random_state=0),
                                "diabetes")
    out["ada_breast_cancer"] = cls_metrics(AdaBoostClassifier(n_estimators=50, algorithm="SAMME", random_state=0),
                                           "breast_cancer")
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
