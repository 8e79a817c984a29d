#!/usr/bin/python3
"""Writes feature_selection_reference.json, the scikit-learn 1.2.1 numbers held
by test_feature_selection.cpp: chi2 and f_classif scores and p-values,
SelectKBest supports, mutual_info_classif, VarianceThreshold and RFE supports:

    /usr/bin/python3 tests/engine/feature_selection/make_reference.py > tests/engine/feature_selection/feature_selection_reference.json
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_selection import (RFE, SelectKBest, VarianceThreshold, chi2, f_classif,
                                       mutual_info_classif)
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")


def load(name):
    df = pd.read_csv(os.path.join(ROOT, "resources", "datasets", name + ".csv"), float_precision="round_trip")
    X = df.iloc[:, :-1].to_numpy(float)
    _, y = np.unique(df.iloc[:, -1].to_numpy(), return_inverse=True)
    return X, y


def nan_list(a):
    return [None if np.isnan(v) else float(v) for v in a]


def main():
    out = {"sklearn_version": sklearn.__version__}
    X, y = load("digits")
    c, p = chi2(X, y)
    out["digits_chi2"] = {"scores": nan_list(c), "pvalues": nan_list(p)}
    f, p = f_classif(X, y)
    out["digits_f_classif"] = {"scores": nan_list(f), "pvalues": nan_list(p)}
    out["digits_kbest_chi2_20"] = SelectKBest(chi2, k=20).fit(X, y).get_support(indices=True).tolist()
    out["digits_kbest_f_15"] = SelectKBest(f_classif, k=15).fit(X, y).get_support(indices=True).tolist()
    out["digits_variance_threshold_0"] = VarianceThreshold().fit(X).get_support(indices=True).tolist()
    out["digits_variance_threshold_10"] = VarianceThreshold(10.0).fit(X).get_support(indices=True).tolist()
    X, y = load("breast_cancer")
    f, p = f_classif(X, y)
    out["cancer_f_classif"] = {"scores": f.tolist(), "pvalues": p.tolist()}
    out["cancer_mutual_info"] = mutual_info_classif(X, y, random_state=0).tolist()
    Xs = StandardScaler().fit_transform(X)
    rfe = RFE(LogisticRegression(), n_features_to_select=10, step=2).fit(Xs, y)
    out["cancer_rfe_10_step2"] = {"support": rfe.get_support(indices=True).tolist(), "ranking": rfe.ranking_.tolist()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
