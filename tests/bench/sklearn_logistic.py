#!/usr/bin/python3
"""Reference side of bench_logistic: times scikit-learn's
make_pipeline(StandardScaler(), LogisticRegression(C=1.0)).fit on the train
rows of the benchmark splits (the same CSV and row indices as the C++ side)
and prints one JSON object: dataset -> {"seconds" (median), "n_iter", "test_accuracy"}.

    /usr/bin/python3 tests/bench/sklearn_logistic.py <project dir> breast_cancer digits
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(root, name):
    df = pd.read_csv(os.path.join(root, "resources", "datasets", name + ".csv"), float_precision="round_trip")
    X = df.iloc[:, :-1].to_numpy(float)
    _, y = np.unique(df.iloc[:, -1].to_numpy(), return_inverse=True)
    parts = {}
    with open(os.path.join(root, "tests", "engine", "models", "linear", "data", name + "_split.txt")) as f:
        for line in f:
            if not line.startswith("#"):
                key, *rows = line.split()
                parts[key] = np.array(rows, dtype=int)
    return X[parts["train"]], y[parts["train"]], X[parts["test"]], y[parts["test"]]


def main():
    root, names = sys.argv[1], sys.argv[2:]
    out = {}
    for name in names:
        Xtr, ytr, Xte, yte = load(root, name)
        times = []
        end = time.perf_counter() + 2.0
        while len(times) < 5 or (time.perf_counter() < end and len(times) < 51):
            t = time.perf_counter()
            model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0)).fit(Xtr, ytr)
            times.append(time.perf_counter() - t)
        out[name] = {"seconds": statistics.median(times), "runs": len(times),
                     "n_iter": int(model[-1].n_iter_[0]), "test_accuracy": float(model.score(Xte, yte))}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
