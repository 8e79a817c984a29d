#!/usr/bin/python3
"""Reference side of tests/bench/bench_explain.cpp: XGBoost 1.7's TreeSHAP
(predict(..., pred_contribs=True)) on the same data and the same model shape
as ours, timed the same way (model trained first, only the SHAP call timed,
best of `repeats`). Prints one JSON object.

    /usr/bin/python3 tests/bench/explain_reference.py TRAIN_CSV EXPLAIN_CSV THREADS [REPEATS]

The CSVs (written by bench_explain) hold the features and a "target" column.
The booster: 200 rounds, depth 6, eta 0.1, hist, max_bin 256, binary logistic.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb


def load(path):
    df = pd.read_csv(path)
    return df.drop(columns=["target"]).to_numpy(np.float64), df["target"].to_numpy()


def main():
    train_csv, explain_csv, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    X, y = load(train_csv)
    Xe, _ = load(explain_csv)
    params = {"objective": "binary:logistic", "max_depth": 6, "eta": 0.1, "tree_method": "hist",
              "max_bin": 256, "nthread": threads, "lambda": 1.0, "gamma": 0.0}
    booster = xgb.train(params, xgb.DMatrix(X, label=y, nthread=threads), num_boost_round=200)
    dm = xgb.DMatrix(Xe, nthread=threads)
    booster.predict(dm, pred_contribs=True)  # warm up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        contribs = booster.predict(dm, pred_contribs=True)
        best = min(best, time.perf_counter() - start)
    margin = booster.predict(dm, output_margin=True)
    additivity = float(np.max(np.abs(contribs.sum(axis=1) - margin)))
    leaves = sum(t.count("leaf=") for t in booster.get_dump())
    print(json.dumps({"xgboost": xgb.__version__, "pred_contribs_seconds": best, "rows": int(Xe.shape[0]),
                      "features": int(Xe.shape[1]), "trees": len(booster.get_dump()), "leaves": leaves,
                      "additivity_error": additivity, "threads": threads}))


if __name__ == "__main__":
    main()
