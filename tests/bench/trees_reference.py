#!/usr/bin/python3
"""Reference side of tests/bench/bench_trees.cpp: times scikit-learn 1.2.1 and
XGBoost 1.7.4 on the shared benchmark CSVs the same way
/work/shared/bench/reference.py does (fit on the parsed training matrix, CSV
parsing excluded; thread count set with n_jobs and threadpoolctl) and prints
one JSON object with the fit and predict seconds and the test metrics.

    /usr/bin/python3 tests/bench/trees_reference.py DATA_DIR THREADS CASE...

CASE: rf (RandomForestClassifier, 100 trees, synth_100k), xgb (XGBClassifier
hist, 200 rounds, depth 6, max_bin 256, eta 0.1, synth_1m), grid (predict_proba
of a 200x200 grid with both models trained on moons).
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn import metrics
from sklearn.ensemble import RandomForestClassifier
from threadpoolctl import threadpool_limits
import xgboost as xgb


def load(data, name, part):
    df = pd.read_csv(os.path.join(data, f"{name}_{part}.csv"))
    return df.drop(columns=["target"]).to_numpy(np.float64), df["target"].to_numpy()


def scores(y, proba):
    return {"accuracy": float(metrics.accuracy_score(y, proba.argmax(1))),
            "auc": float(metrics.roc_auc_score(y, proba[:, 1]))}


def rf(threads, seed=0):
    return RandomForestClassifier(n_estimators=100, max_features="sqrt", random_state=seed, n_jobs=threads)


def booster(threads):
    return xgb.XGBClassifier(n_estimators=200, learning_rate=0.1, max_depth=6, reg_lambda=1.0, gamma=0.0,
                             max_bin=256, tree_method="hist", random_state=0, n_jobs=threads)


def timed_fit(model, X, y):
    t0 = time.perf_counter()
    model.fit(X, y)
    return time.perf_counter() - t0


def timed_predict(model, X, repeats=1):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        proba = model.predict_proba(X)
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), proba


def grid(X):
    lo, hi = X.min(0) - 0.5, X.max(0) + 0.5
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], 200), np.linspace(lo[1], hi[1], 200))
    return np.column_stack([gx.ravel(), gy.ravel()])


def main():
    data, threads, cases = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    warnings.simplefilter("ignore")
    out = {}
    with threadpool_limits(limits=threads):
        if "rf" in cases:
            X, y = load(data, "synth_100k", "train")
            Xt, yt = load(data, "synth_100k", "test")
            model = rf(threads)
            fit = timed_fit(model, X, y)
            pred, proba = timed_predict(model, Xt)
            out["rf"] = {"fit": fit, "predict": pred, **scores(yt, proba)}
        if "xgb" in cases:
            X, y = load(data, "synth_1m", "train")
            Xt, yt = load(data, "synth_1m", "test")
            model = booster(threads)
            fit = timed_fit(model, X, y)
            pred, proba = timed_predict(model, Xt)
            out["xgb"] = {"fit": fit, "predict": pred, **scores(yt, proba)}
        if "grid" in cases:
            X, y = load(data, "moons", "train")
            G = grid(X)
            for key, model in (("grid_rf", rf(threads)), ("grid_xgb", booster(threads))):
                model.fit(X, y)
                out[key] = {"predict": timed_predict(model, G, repeats=20)[0]}
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
