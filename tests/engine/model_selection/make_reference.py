#!/usr/bin/python3
"""Writes model_selection_reference.json, the scikit-learn 1.2.1 numbers held
by the model-selection tests: fold assignments of KFold, StratifiedKFold and
TimeSeriesSplit without shuffling, cross_validate and GridSearchCV scores of
make_pipeline(StandardScaler(), LogisticRegression()) on breast_cancer with
KFold(5) (no shuffle), a validation curve over C and a learning curve:

    /usr/bin/python3 tests/engine/model_selection/make_reference.py > tests/engine/model_selection/model_selection_reference.json
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (GridSearchCV, KFold, StratifiedKFold, TimeSeriesSplit, cross_validate,
                                     learning_curve, validation_curve)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")  # StratifiedKFold's "least populated class" warning is part of a case

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")


def load(name):
    df = pd.read_csv(os.path.join(ROOT, "resources", "datasets", name + ".csv"), float_precision="round_trip")
    X = df.iloc[:, :-1].to_numpy(float)
    _, y = np.unique(df.iloc[:, -1].to_numpy(), return_inverse=True)
    return X, y


def folds(cv, n, y=None):
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in cv.split(np.zeros((n, 1)), y)]


def pipeline():
    return Pipeline([("StandardScaler", StandardScaler()), ("LogisticRegression", LogisticRegression())])


def main():
    out = {"sklearn_version": sklearn.__version__}
    # Labels in no sorted order, classes of different sizes; the first class seen is 2.
    y_strat = [2, 0, 1, 1, 2, 0, 0, 2, 1, 0, 0, 2, 1, 0, 2, 2, 0, 1, 0, 0, 2, 1, 0]
    out["splits"] = {
        "kfold_5_23": folds(KFold(5), 23),
        "kfold_3_10": folds(KFold(3), 10),
        "stratified_5": {"y": y_strat, "folds": folds(StratifiedKFold(5), len(y_strat), y_strat)},
        "stratified_3": {"y": y_strat, "folds": folds(StratifiedKFold(3), len(y_strat), y_strat)},
        "timeseries_3_10": folds(TimeSeriesSplit(3), 10),
        "timeseries_4_20_gap_max": folds(TimeSeriesSplit(4, max_train_size=5, gap=2), 20),
        "timeseries_3_20_test_size": folds(TimeSeriesSplit(3, test_size=2), 20),
    }
    X, y = load("breast_cancer")
    _, y_bc = np.unique(y, return_inverse=True)
    out["breast_cancer_stratified_5"] = folds(StratifiedKFold(5), len(y), y)
    cv = cross_validate(pipeline(), X, y, cv=KFold(5), scoring="accuracy", return_train_score=True)
    out["cross_validate_accuracy"] = {"test": cv["test_score"].tolist(), "train": cv["train_score"].tolist()}
    cv = cross_validate(pipeline(), X, y, cv=StratifiedKFold(5), scoring="roc_auc")
    out["cross_validate_roc_auc_stratified"] = {"test": cv["test_score"].tolist()}

    grid_c = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0]
    search = GridSearchCV(pipeline(), {"LogisticRegression__C": grid_c}, cv=KFold(5), scoring="accuracy").fit(X, y)
    res = search.cv_results_
    out["grid_search_c"] = {
        "C": grid_c,
        "mean_test_score": res["mean_test_score"].tolist(),
        "std_test_score": res["std_test_score"].tolist(),
        "rank_test_score": res["rank_test_score"].tolist(),
        "best_C": search.best_params_["LogisticRegression__C"],
        "best_score": search.best_score_,
        "best_index": int(search.best_index_),
    }
    # Two parameters: the order of candidates is by sorted key, last key fastest.
    grid2 = {"LogisticRegression__fit_intercept": [True, False], "LogisticRegression__C": [0.01, 0.1, 1.0]}
    search = GridSearchCV(pipeline(), grid2, cv=KFold(5), scoring="neg_log_loss").fit(X, y)
    res = search.cv_results_
    out["grid_search_two"] = {
        "params": [{k: v for k, v in p.items()} for p in res["params"]],
        "mean_test_score": res["mean_test_score"].tolist(),
        "best_index": int(search.best_index_),
    }
    train, test = validation_curve(pipeline(), X, y, param_name="LogisticRegression__C", param_range=[0.01, 1.0, 100.0],
                                   cv=KFold(5), scoring="accuracy")
    out["validation_curve"] = {"C": [0.01, 1.0, 100.0], "train": train.tolist(), "test": test.tolist()}
    sizes, train, test = learning_curve(pipeline(), X, y, train_sizes=[0.1, 0.5, 1.0], cv=KFold(5), scoring="accuracy")
    out["learning_curve"] = {"sizes": sizes.tolist(), "train": train.tolist(), "test": test.tolist()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
