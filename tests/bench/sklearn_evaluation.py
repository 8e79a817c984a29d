#!/usr/bin/python3
"""Reference side of bench_evaluation: times scikit-learn 1.2.1 on the same
data and folds as the C++ side and prints one JSON object:

  cross_validate: 5-fold StratifiedKFold cross_validate of
      make_pipeline(StandardScaler(), LogisticRegression()) on digits
  grid_search:    GridSearchCV over 20 values of C (logspace(-3, 2, 20)) of the
      same pipeline on breast_cancer, StratifiedKFold(5), refit=True

each as {"seconds" (median of repeated runs), "runs", "score"} (mean test
accuracy / best score). n_jobs is left at its default (one process).

    /usr/bin/python3 tests/bench/sklearn_evaluation.py <project dir>
"""
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")  # lbfgs may stop at max_iter on some folds, as ours does


def load(root, name):
    df = pd.read_csv(os.path.join(root, "resources", "datasets", name + ".csv"), float_precision="round_trip")
    X = df.iloc[:, :-1].to_numpy(float)
    _, y = np.unique(df.iloc[:, -1].to_numpy(), return_inverse=True)
    return X, y


def pipeline():
    return Pipeline([("StandardScaler", StandardScaler()), ("LogisticRegression", LogisticRegression())])


def timed(run, budget=3.0):
    times = []
    end = time.perf_counter() + budget
    while len(times) < 3 or (time.perf_counter() < end and len(times) < 21):
        t = time.perf_counter()
        score = run()
        times.append(time.perf_counter() - t)
    return {"seconds": statistics.median(times), "runs": len(times), "score": float(score)}


def main():
    root = sys.argv[1]
    X, y = load(root, "digits")
    out = {"cross_validate": timed(
        lambda: cross_validate(pipeline(), X, y, cv=StratifiedKFold(5), scoring="accuracy")["test_score"].mean())}
    X, y = load(root, "breast_cancer")
    grid = {"LogisticRegression__C": np.logspace(-3, 2, 20).tolist()}
    out["grid_search"] = timed(
        lambda: GridSearchCV(pipeline(), grid, cv=StratifiedKFold(5), scoring="accuracy").fit(X, y).best_score_)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
