#!/usr/bin/python3
"""Prints the scikit-learn 1.2.1 numbers held by test_standard_scaler.cpp and
test_polynomial_features.cpp, as C++ initializers:

    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py scaler
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py polynomial
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py imputer
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py scalers
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py power
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py kbins
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py knn
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py function
    /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py clipper
"""
import sys

import numpy as np
from sklearn.impute import KNNImputer, MissingIndicator, SimpleImputer
from sklearn.preprocessing import (FunctionTransformer, KBinsDiscretizer, MaxAbsScaler, MinMaxScaler, Normalizer, PolynomialFeatures, PowerTransformer,
                                   RobustScaler, StandardScaler)

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
# Columns: plain, with a NaN, constant, an outlier, negative and mixed signs,
# all zeros. Used by test_scalers.cpp (MinMax, MaxAbs, Robust).
SCALERS_X = np.array([
    [1.0, 10.0, 5.0, 1.0, -3.0, 0.0],
    [2.0, nan, 5.0, 2.0, 4.0, 0.0],
    [3.0, 30.0, 5.0, 3.0, -1.5, 0.0],
    [4.0, 35.0, 5.0, 4.0, 2.0, 0.0],
    [9.5, 70.0, 5.0, 100.0, 0.5, 0.0],
    [6.0, 20.0, 5.0, 5.0, -8.0, 0.0],
])
SCALERS_NEW = np.array([[0.0, nan, 6.0, 50.0, 10.0, 1.0], [12.0, 5.0, 5.0, -2.0, -9.0, 0.0]])
# Rows for Normalizer: plain, mixed signs, all zeros, one non-zero.
NORMALIZER_X = np.array([[3.0, 4.0, 0.0], [-1.0, 2.0, -2.0], [0.0, 0.0, 0.0], [0.0, -5.0, 0.0]])
# Columns: right-skewed positive, positive with a NaN, mixed signs with a
# zero, constant. Box-Cox uses the first two (strictly positive) columns.
POWER_X = np.array([
    [1.0, 0.5, -3.0, 5.0],
    [2.0, 3.0, -1.0, 5.0],
    [3.5, nan, 0.0, 5.0],
    [10.0, 1.5, 2.0, 5.0],
    [25.0, 8.0, 4.5, 5.0],
    [1.2, 0.2, -0.5, 5.0],
])
POWER_NEW = np.array([[0.7, 12.0, -6.0, 4.0], [40.0, nan, 9.0, 5.0]])
# Columns: skewed, many ties (quantile edges merge), constant, two clumps (k-means).
KBINS_X = np.array([
    [0.5, 1.0, 7.0, 0.1],
    [1.0, 1.0, 7.0, 0.3],
    [1.5, 1.0, 7.0, 0.2],
    [2.0, 1.0, 7.0, 5.0],
    [3.0, 2.0, 7.0, 5.4],
    [5.0, 2.0, 7.0, 5.1],
    [8.0, 3.0, 7.0, 9.0],
    [13.0, 4.0, 7.0, 9.5],
    [21.0, 1.0, 7.0, 0.0],
    [34.0, 5.0, 7.0, 4.8],
])
KBINS_NEW = np.array([[-1.0, 0.0, 8.0, -3.0], [50.0, 2.5, 7.0, 7.0], [4.0, 3.0, 6.0, 9.2]])
# Rows with one, two and no gaps; column 4 is entirely missing (dropped);
# distances have no ties. Used by test_knn_imputer.cpp.
KNN_X = np.array([
    [1.0, 2.0, nan, 10.0, nan],
    [2.0, nan, 3.5, 11.0, nan],
    [nan, 4.1, 5.0, nan, nan],
    [4.3, 5.2, 6.1, 14.0, nan],
    [8.0, 1.0, 0.5, 20.0, nan],
    [5.5, nan, nan, 16.5, nan],
    [0.2, 0.9, 1.7, 9.3, nan],
])
KNN_NEW = np.array([[nan, 3.0, 4.0, 12.0, 1.0], [6.0, nan, nan, nan, nan], [nan, nan, nan, nan, 2.0],
                    [3.0, 3.0, 3.0, 3.0, 3.0]])
# FunctionTransformer and OutlierClipper: positive values with a NaN and outliers.
FUNC_X = np.array([[0.5, 4.0, 1.0], [2.0, 9.0, 1.5], [nan, 16.0, 1.2], [30.0, 0.0, 1.1], [3.0, 1.0, 1.3],
                   [2.5, 2.25, -20.0], [1.5, 6.0, 1.25], [2.2, 3.0, 1.15]])
FUNC_NEW = np.array([[100.0, 50.0, 1.4], [0.1, nan, -1.0]])
POLY_X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [-1.0, 0.5, 2.0]])


def show(value):
    if np.isinf(value):
        return ("-" if value < 0 else "") + "std::numeric_limits<double>::infinity()"
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


def scalers():
    for tag, model in (("MinMax", MinMaxScaler()), ("MinMaxRange", MinMaxScaler(feature_range=(-1, 2))),
                       ("MinMaxClip", MinMaxScaler(feature_range=(-1, 2), clip=True))):
        model.fit(SCALERS_X)
        print(f"// {model!r}: scale_, min_, transform(X) and transform(new) row-major")
        cpp(f"k{tag}Scale", model.scale_)
        cpp(f"k{tag}Min", model.min_)
        cpp(f"k{tag}Transformed", model.transform(SCALERS_X))
        cpp(f"k{tag}TransformedNew", model.transform(SCALERS_NEW))
    m = MaxAbsScaler().fit(SCALERS_X)
    print(f"// {m!r}: max_abs_, scale_, transform(X) and transform(new) row-major")
    cpp("kMaxAbsMaxAbs", m.max_abs_)
    cpp("kMaxAbsScale", m.scale_)
    cpp("kMaxAbsTransformed", m.transform(SCALERS_X))
    cpp("kMaxAbsTransformedNew", m.transform(SCALERS_NEW))
    for tag, model in (("Robust", RobustScaler()), ("RobustRange", RobustScaler(quantile_range=(10.0, 80.0))),
                       ("RobustNoCenter", RobustScaler(with_centering=False, quantile_range=(5.0, 95.0)))):
        model.fit(SCALERS_X)
        print(f"// {model!r}: scale_, transform(X) and transform(new) row-major")
        cpp(f"k{tag}Scale", model.scale_)
        cpp(f"k{tag}Transformed", model.transform(SCALERS_X))
        cpp(f"k{tag}TransformedNew", model.transform(SCALERS_NEW))
    cpp("kRobustCenter", RobustScaler().fit(SCALERS_X).center_)
    for norm in ("l1", "l2", "max"):
        print(f"// Normalizer(norm={norm!r}).fit_transform(NORMALIZER_X) row-major")
        cpp(f"kNormalizer{norm.title()}", Normalizer(norm=norm).fit_transform(NORMALIZER_X))


def power():
    for tag, params, cols in (("YeoJohnson", {}, 4), ("YeoJohnsonRaw", {"standardize": False}, 4),
                              ("BoxCox", {"method": "box-cox"}, 2),
                              ("BoxCoxRaw", {"method": "box-cox", "standardize": False}, 2)):
        p = PowerTransformer(**params).fit(POWER_X[:, :cols])
        print(f"// PowerTransformer({params}) on the first {cols} columns: lambdas_, transform(X), transform(new)")
        cpp(f"k{tag}Lambdas", p.lambdas_)
        cpp(f"k{tag}Transformed", p.transform(POWER_X[:, :cols]))
        cpp(f"k{tag}TransformedNew", p.transform(POWER_NEW[:, :cols]))


def kbins():
    for strategy in ("uniform", "quantile", "kmeans"):
        for n_bins in (3, 4):
            k = KBinsDiscretizer(n_bins=n_bins, encode="ordinal", strategy=strategy).fit(KBINS_X)
            tag = f"{strategy.title()}{n_bins}"
            print(f"// KBinsDiscretizer(n_bins={n_bins}, strategy={strategy!r}): bin_edges_, n_bins_, transform(X), transform(new)")
            cpp(f"k{tag}Edges", np.concatenate(k.bin_edges_))
            print(f"const std::vector<int> k{tag}Bins = {{{', '.join(str(int(b)) for b in k.n_bins_)}}};")
            cpp(f"k{tag}Transformed", k.transform(KBINS_X))
            cpp(f"k{tag}TransformedNew", k.transform(KBINS_NEW))
    k = KBinsDiscretizer(n_bins=3, encode="onehot-dense", strategy="quantile").fit(KBINS_X)
    print("// KBinsDiscretizer(n_bins=3, encode='onehot-dense'): transform(new) and names for a, b, c, d")
    cpp("kOnehotNew", k.transform(KBINS_NEW))
    print(f"const int kOnehotColumns = {k.transform(KBINS_NEW).shape[1]};")
    names = ", ".join(f'"{n}"' for n in k.get_feature_names_out(["a", "b", "c", "d"]))
    print(f"const StringList kOnehotNames = {{{names}}};")


def knn():
    for tag, params in (("Uniform", {"n_neighbors": 2}), ("Distance", {"n_neighbors": 3, "weights": "distance"}),
                        ("Five", {}), ("Indicator", {"n_neighbors": 1, "add_indicator": True})):
        k = KNNImputer(**params).fit(KNN_X)
        out = k.transform(KNN_X)
        print(f"// KNNImputer({params}): transform(X), transform(new) row-major")
        cpp(f"kKnn{tag}Transformed", out)
        cpp(f"kKnn{tag}TransformedNew", k.transform(KNN_NEW))
        print(f"const int kKnn{tag}Columns = {out.shape[1]};")
    names = ", ".join(f'"{n}"' for n in KNNImputer(add_indicator=True).fit(KNN_X).get_feature_names_out(list("abcde")))
    print(f"const StringList kKnnIndicatorNames = {{{names}}};")
    for tag, params in (("MissingOnly", {}), ("All", {"features": "all"})):
        m = MissingIndicator(**params).fit(KNN_X)
        print(f"// MissingIndicator({params}): features_, transform(new) row-major and names for a..e")
        print(f"const std::vector<Eigen::Index> kIndicator{tag}Features = {{{', '.join(str(int(f)) for f in m.features_)}}};")
        cpp(f"kIndicator{tag}New", m.transform(KNN_NEW[:3]))
        names = ", ".join(f'"{n}"' for n in m.get_feature_names_out(list("abcde")))
        print(f"const StringList kIndicator{tag}Names = {{{names}}};")
    m = MissingIndicator().fit(FUNC_X)
    print("// MissingIndicator() on FUNC_X (only column 0 has a gap): features_ and transform(FUNC_X) row-major;")
    print("// transform(FUNC_NEW) raises ValueError: column 1 has a gap that fit never saw")
    print(f"const std::vector<Eigen::Index> kIndicatorFuncFeatures = {{{', '.join(str(int(f)) for f in m.features_)}}};")
    cpp("kIndicatorFunc", m.transform(FUNC_X))
    imp = SimpleImputer(strategy="median", add_indicator=True).fit(IMPUTER_X)
    print("// SimpleImputer(strategy='median', add_indicator=True) on IMPUTER_X: transform(new) and names for a..e")
    cpp("kMedianIndicatorNew", imp.transform(IMPUTER_NEW))
    print(f"const int kMedianIndicatorColumns = {imp.transform(IMPUTER_NEW).shape[1]};")
    names = ", ".join(f'"{n}"' for n in imp.get_feature_names_out(list("abcde")))
    print(f"const StringList kMedianIndicatorNames = {{{names}}};")


def function():
    print("// FunctionTransformer(func=np.<f>, inverse_func=...) on the first two columns of FUNC_X (validate=False)")
    for name, f in (("Log1p", np.log1p), ("Sqrt", np.sqrt), ("Square", np.square)):
        t = FunctionTransformer(func=f).fit(FUNC_X[:, :2])
        cpp(f"kFunc{name}", t.transform(FUNC_X[:, :2]))
    t = FunctionTransformer(func=np.log).fit(FUNC_X[:, :1])
    cpp("kFuncLog", t.transform(FUNC_X[:, :1]))


def clipper():
    """OutlierClipper is not scikit-learn: its bounds are computed here with numpy."""
    X = FUNC_X
    q1, q3 = np.nanpercentile(X, 25, axis=0), np.nanpercentile(X, 75, axis=0)
    lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
    print("// iqr, factor 1.5: np.nanpercentile quartiles; bounds and np.clip(FUNC_NEW) row-major")
    cpp("kIqrLower", lo)
    cpp("kIqrUpper", hi)
    cpp("kIqrClipped", np.clip(FUNC_NEW, lo, hi))
    mean, sd = np.nanmean(X, axis=0), np.nanstd(X, axis=0)
    lo, hi = mean - 2 * sd, mean + 2 * sd
    print("// zscore, threshold 2: np.nanmean -/+ 2 np.nanstd; bounds and np.clip(FUNC_X) row-major")
    cpp("kZLower", lo)
    cpp("kZUpper", hi)
    cpp("kZClipped", np.clip(X, lo, hi))


if __name__ == "__main__":
    {"scaler": scaler, "polynomial": polynomial, "imputer": imputer, "scalers": scalers,
     "power": power, "kbins": kbins, "knn": knn,
     "function": function, "clipper": clipper}[sys.argv[1]]()
