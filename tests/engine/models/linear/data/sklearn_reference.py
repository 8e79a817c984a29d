#!/usr/bin/python3
"""Prints the scikit-learn 1.2.1 reference numbers held by the linear-model tests
as C++ initializers (test_logistic_regression.cpp, test_linear_regressors.cpp).

    /usr/bin/python3 tests/engine/models/linear/data/sklearn_reference.py logistic
    /usr/bin/python3 tests/engine/models/linear/data/sklearn_reference.py regressors

Data: the shipped CSVs under resources/datasets, classes coded 0..K-1 in sorted
label order (as Dataset::targetCodes), split with the row indices of
<name>_split.txt (written by make_splits.py), StandardScaler fit on the train rows.
"""
import os
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))


def load(name):
    df = pd.read_csv(os.path.join(ROOT, "resources", "datasets", name + ".csv"), float_precision="round_trip")
    X = df.iloc[:, :-1].to_numpy(float)
    target = df.iloc[:, -1].to_numpy()
    if target.dtype.kind in "fi":
        return X, target.astype(float)
    _, y = np.unique(target, return_inverse=True)
    return X, y.astype(float)


def split(name):
    parts = {}
    with open(os.path.join(HERE, name + "_split.txt")) as f:
        for line in f:
            if not line.startswith("#"):
                key, *rows = line.split()
                parts[key] = np.array(rows, dtype=int)
    return parts["train"], parts["test"]


def standardized(name):
    X, y = load(name)
    train, test = split(name)
    scaler = StandardScaler().fit(X[train])
    return scaler.transform(X[train]), y[train], scaler.transform(X[test]), y[test]


def cpp(name, values):
    values = np.asarray(values, dtype=float).ravel()
    body = ", ".join(repr(float(v)) for v in values)
    print(f"const std::vector<double> {name} = {{{body}}};")


def scalar(name, value):
    print(f"constexpr double {name} = {float(value)!r};")


def logistic():
    for name, tag in (("breast_cancer", "BreastCancer"), ("iris", "Iris"), ("digits", "Digits")):
        Xtr, ytr, Xte, yte = standardized(name)
        model = LogisticRegression(C=1.0).fit(Xtr, ytr)  # lbfgs, l2, multinomial when K > 2
        proba = model.predict_proba(Xte)
        print(f"// {name}: LogisticRegression(C=1.0) (lbfgs), n_iter_ = {model.n_iter_[0]}, coef_ row-major")
        cpp(f"k{tag}Coef", model.coef_)
        cpp(f"k{tag}Intercept", model.intercept_)
        scalar(f"k{tag}TestAccuracy", accuracy_score(yte, model.predict(Xte)))
        auc = roc_auc_score(yte, proba[:, 1]) if proba.shape[1] == 2 else roc_auc_score(yte, proba, multi_class="ovr")
        scalar(f"k{tag}TestAuc", auc)
        scalar(f"k{tag}TestLogLoss", log_loss(yte, proba, eps=1e-15))

    Xtr, ytr, _, _ = standardized("breast_cancer")
    model = LogisticRegression(C=0.5, class_weight="balanced").fit(Xtr, ytr)
    print("// breast_cancer: LogisticRegression(C=0.5, class_weight='balanced')")
    cpp("kBalancedCoef", model.coef_)
    cpp("kBalancedIntercept", model.intercept_)
    model = LogisticRegression(C=1.0, fit_intercept=False).fit(Xtr, ytr)
    print("// breast_cancer: LogisticRegression(C=1.0, fit_intercept=False)")
    cpp("kNoInterceptCoef", model.coef_)

    # saga converges slowly on these correlated features: scikit-learn's own
    # default (tol=1e-4, max_iter=100) is still far from the optimum, so the
    # reference is saga run to convergence.
    warnings.simplefilter("ignore")
    for data, tag in (("breast_cancer", "BreastCancer"), ("iris", "Iris")):
        Xtr, ytr, _, _ = standardized(data)
        for penalty, C, ratio, ptag in (("l1", 0.1, None, "L1"), ("elasticnet", 0.5, 0.5, "ElasticNet")):
            model = LogisticRegression(penalty=penalty, C=C, l1_ratio=ratio, solver="saga", tol=1e-10,
                                       max_iter=100000).fit(Xtr, ytr)
            print(f"// {data}: LogisticRegression(penalty='{penalty}', C={C}, l1_ratio={ratio}, solver='saga', "
                  f"tol=1e-10, max_iter=100000), n_iter_ = {model.n_iter_[0]}")
            cpp(f"k{tag}Saga{ptag}Coef", model.coef_)
            cpp(f"k{tag}Saga{ptag}Intercept", model.intercept_)


def regressors():
    X, y = load("diabetes")  # raw units, all 442 rows
    print("// diabetes.csv (raw), all rows")
    for model, tag in ((LinearRegression(), "Ols"), (Ridge(alpha=1.0), "Ridge1"), (Ridge(alpha=100.0), "Ridge100"),
                       (Lasso(alpha=0.1), "Lasso01"), (Lasso(alpha=1.0), "Lasso1"),
                       (ElasticNet(alpha=0.1, l1_ratio=0.5), "ElasticNet01"),
                       (ElasticNet(alpha=1.0, l1_ratio=0.7), "ElasticNet1")):
        model.fit(X, y)
        extra = f", n_iter_ = {model.n_iter_}" if hasattr(model, "n_iter_") else ""
        print(f"// {model!r}{extra}")
        cpp(f"k{tag}Coef", model.coef_)
        scalar(f"k{tag}Intercept", model.intercept_)
    model = Ridge(alpha=1.0, fit_intercept=False).fit(X, y)
    print("// Ridge(alpha=1.0, fit_intercept=False)")
    cpp("kRidgeNoInterceptCoef", model.coef_)


if __name__ == "__main__":
    {"logistic": logistic, "regressors": regressors}[sys.argv[1]]()
