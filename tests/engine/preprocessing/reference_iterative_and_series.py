#!/usr/bin/python3
"""Prints the scikit-learn 1.2.1 and pandas 1.5.3 numbers held by
test_iterative_imputer.cpp (BayesianRidge, IterativeImputer, and the
time-series fills of TimeSeriesImputer), as C++ initializers:

    /usr/bin/python3 tests/engine/preprocessing/reference_iterative_and_series.py
"""
import warnings

import numpy as np
import pandas as pd
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer
from sklearn.linear_model import BayesianRidge, LinearRegression, Ridge

warnings.simplefilter("ignore")
nan = float("nan")

# Four correlated columns with gaps in three of them (one complete column) and a row with two gaps.
X = np.array([
    [1.0, 2.1, nan, 10.0],
    [2.0, 3.9, 6.2, 11.5],
    [3.0, nan, 9.1, 12.4],
    [4.0, 8.2, 11.8, nan],
    [5.0, 9.8, nan, 15.1],
    [6.0, 12.3, 18.2, 16.0],
    [7.0, 13.7, 21.5, nan],
    [8.0, nan, nan, 18.9],
    [9.0, 18.4, 26.7, 20.2],
    [10.0, 19.6, 30.4, 21.0],
])
NEW = np.array([[nan, 5.0, 7.0, 12.0], [3.5, nan, nan, nan], [nan, nan, nan, nan]])
# BayesianRidge on a small regression with noise, tall and wide.
BR_X = np.array([[0.5, 1.0, -1.2], [1.5, -0.3, 0.8], [2.0, 0.7, 0.1], [3.1, 1.9, -0.4],
                 [4.2, -1.1, 1.3], [5.0, 0.2, 0.9], [6.3, 1.4, -1.7], [7.1, -0.6, 0.5]])
BR_Y = np.array([1.2, 2.9, 4.1, 6.8, 7.5, 10.3, 12.9, 13.6])


def vec(values):
    return "{" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "}"


def main():
    br = BayesianRidge().fit(BR_X, BR_Y)
    print("// BayesianRidge().fit(BR_X, BR_Y): coef, intercept, alpha_, lambda_, n_iter_")
    print(f"const std::vector<double> kBrCoef = {vec(br.coef_)};")
    print(f"const double kBrIntercept = {br.intercept_!r};")
    print(f"const double kBrAlpha = {br.alpha_!r};")
    print(f"const double kBrLambda = {br.lambda_!r};")
    print(f"const int kBrIter = {br.n_iter_};")
    wide = BayesianRidge().fit(BR_X[:3], BR_Y[:3])
    print("// BayesianRidge().fit(BR_X[:3], BR_Y[:3]) (as many features as rows: the wide branch): coef, intercept")
    print(f"const std::vector<double> kBrWideCoef = {vec(wide.coef_)};")
    print(f"const double kBrWideIntercept = {wide.intercept_!r};")
    for name, est in (("Bayes", BayesianRidge()), ("Ridge", Ridge()), ("Linear", LinearRegression())):
        imp = IterativeImputer(estimator=est)
        fitted = imp.fit_transform(X)
        print(f"// IterativeImputer(estimator={type(est).__name__}()): fit_transform(X), transform(NEW), n_iter_")
        print(f"const std::vector<double> kIter{name}Fit = {vec(fitted)};")
        print(f"const std::vector<double> kIter{name}New = {vec(imp.transform(NEW))};")
        print(f"const int kIter{name}Rounds = {imp.n_iter_};")
    imp = IterativeImputer(add_indicator=True, initial_strategy="median", imputation_order="descending")
    print("// IterativeImputer(add_indicator=True, initial_strategy='median', imputation_order='descending'): fit_transform(X)")
    print(f"const std::vector<double> kIterOptionsFit = {vec(imp.fit_transform(X))};")
    print(f"const int kIterOptionsColumns = {imp.transform(X).shape[1]};")

    s = pd.Series([nan, 1.0, nan, nan, 4.0, nan, 7.0, nan, nan, nan, 12.0, nan])
    print("// pandas on SERIES: ffill, ffill(limit=1), bfill, bfill(limit=2), interpolate, interpolate(limit=1)")
    print(f"const std::vector<double> kFfill = {vec(s.ffill())};")
    print(f"const std::vector<double> kFfillLimit1 = {vec(s.ffill(limit=1))};")
    print(f"const std::vector<double> kBfill = {vec(s.bfill())};")
    print(f"const std::vector<double> kBfillLimit2 = {vec(s.bfill(limit=2))};")
    print(f"const std::vector<double> kInterpolate = {vec(s.interpolate())};")
    print(f"const std::vector<double> kInterpolateLimit1 = {vec(s.interpolate(limit=1))};")
    print("// s.fillna(s.rolling(w, min_periods=1, center=c).mean()) for (w, c) = (3, False), (2, False), (3, True), (4, True)")
    for w, c, name in ((3, False, "Rolling3"), (2, False, "Rolling2"), (3, True, "Rolling3Centre"), (4, True, "Rolling4Centre")):
        print(f"const std::vector<double> k{name} = {vec(s.fillna(s.rolling(w, min_periods=1, center=c).mean()))};")


if __name__ == "__main__":
    main()
