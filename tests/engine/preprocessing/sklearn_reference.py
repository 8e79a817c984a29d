#!/usr/bin/python3
"""Prints the scikit-learn 1.2.1 numbers held by test_standard_scaler.cpp and
test_polynomial_features.cpp, as C++ initializers:

    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py scaler
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py polynomial
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py imputer
"""
import sys

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

nan = float("nan")
# Columns: plain, with a NaN, constant, large mean and small spread, constant up to rounding.
SCALER_X = np.array([
    [1.0, 10.0, 5.0, 1e6, 0.1 + 0.2],
    [2.0, 20.0, 5.0, 1e6 + 1, 0.3],
    [3.0, nan, 5.0, 1e6 + 2, 0.3],
    [4.0, 40.0, 5.0, 1e6 + 4, 0.3],
    [100.0, 50.0, 5.0, 1e6 + 8, 0.3],
])
SCALER_NEW = np.array([[0.0, nan, 6.0, 1e6 + 3, 0.4], [-5.0, 30.0, 5.0, 0.0, 0.3]])
# Columns: odd and even counts of present values, a tie for most frequent,
# negative values, and a column with no value at all.
IMPUTER_X = np.array([
    [1.0, nan, 3.0, -2.0, nan],
    [2.0, 4.0, 3.0, nan, nan],
    [nan, 8.0, 7.0, -2.0, nan],
    [10.0, 1.0, 7.0, 5.0, nan],
    [2.0, 3.0, nan, 5.0, nan],
])
IMPUTER_NEW = np.array([[nan, nan, nan, nan, 1.0], [0.5, 0.5, 0.5, 0.5, 0.5]])
POLY_X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [-1.0, 0.5, 2.0]])


def show(value):
    return "std::nan(\"\")" if np.isnan(value) else repr(float(value))


def cpp(name, values):
    values = np.asarray(values, dtype=float).ravel()
    print(f"const std::vector<double> {name} = {{{', '.join(show(v) for v in values)}}};")


def scaler():
    s = StandardScaler().fit(SCALER_X)
    cpp("kMean", s.mean_)
    cpp("kVar", s.var_)
    cpp("kScale", s.scale_)
    cpp("kSamplesSeen", s.n_samples_seen_)
    print("// transform(X) and transform(new rows), row-major")
    cpp("kTransformed", s.transform(SCALER_X))
    cpp("kTransformedNew", s.transform(SCALER_NEW))
    cpp("kCenteredOnly", StandardScaler(with_std=False).fit(SCALER_X).transform(SCALER_NEW))
    cpp("kScaledOnly", StandardScaler(with_mean=False).fit(SCALER_X).transform(SCALER_NEW))


def polynomial():
    for tag, params in (("Default", {}), ("InteractionOnly", {"degree": 3, "interaction_only": True, "include_bias": False}),
                        ("Cubic", {"degree": 3})):
        p = PolynomialFeatures(**params).fit(POLY_X)
        print(f"// PolynomialFeatures({params}), transform row-major")
        cpp(f"k{tag}Output", p.transform(POLY_X))
        names = ", ".join(f'"{n}"' for n in p.get_feature_names_out())
        print(f"const StringList k{tag}Names = {{{names}}};")
        names = ", ".join(f'"{n}"' for n in p.get_feature_names_out(["a", "b", "c"]))
        print(f"const StringList k{tag}NamedNames = {{{names}}};")


def imputer():
    for strategy in ("mean", "median", "most_frequent", "constant"):
        params = {"strategy": strategy, "fill_value": -1.0} if strategy == "constant" else {"strategy": strategy}
        imp = SimpleImputer(**params).fit(IMPUTER_X)
        tag = "".join(part.title() for part in strategy.split("_"))
        print(f"// SimpleImputer({params}): statistics_, transform(X) and transform(new) row-major")
        cpp(f"k{tag}Statistics", imp.statistics_)
        cpp(f"k{tag}Transformed", imp.transform(IMPUTER_X))
        cpp(f"k{tag}TransformedNew", imp.transform(IMPUTER_NEW))
        print(f"const int k{tag}Columns = {imp.transform(IMPUTER_X).shape[1]};")


if __name__ == "__main__":
    {"scaler": scaler, "polynomial": polynomial, "imputer": imputer}[sys.argv[1]]()
