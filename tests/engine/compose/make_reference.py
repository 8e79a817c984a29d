#!/usr/bin/python3
"""Writes compose_reference.json for test_encoders.cpp and
test_column_transformer.cpp: scikit-learn 1.2.1's OneHotEncoder and
OrdinalEncoder outputs on a small mixed table (unknown categories, missing
values, drop, min_frequency), and a ColumnTransformer (median imputer +
standard scaler on numbers, one-hot on categories) alone and followed by
LogisticRegression (lbfgs) on titanic, with the split indices:

    /usr/bin/python3 tests/engine/compose/make_reference.py > tests/engine/compose/compose_reference.json
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def column_json(series):
    return [None if (isinstance(v, float) and np.isnan(v)) else v for v in series.tolist()]


def matrix(m):
    return [[None if np.isnan(v) else float(v) for v in row] for row in np.asarray(m, dtype=float)]


def small_tables():
    nan = np.nan
    train = pd.DataFrame({
        "color": ["red", "green", "blue", "green", "red", "red", nan, "blue", "green", "red", "violet", "red"],
        "size": [1, 2, 3, 1, 2, 1, 2, 3, 1, 1, 2, 10],
        "pet": ["cat", "dog", "dog", "cat", "cat", "dog", "dog", "cat", "cat", "dog", "cat", "cat"],
    })
    test = pd.DataFrame({
        "color": ["red", "purple", nan, "blue", "violet"],
        "size": [1, 3, 10, 2, 1],
        "pet": ["dog", "cat", "cat", "dog", "cat"],
    })
    return train, test


def encoder_cases(train, test):
    cases = []
    onehot = [
        {"handle_unknown": "ignore"},
        {"handle_unknown": "ignore", "drop": "first"},
        {"handle_unknown": "ignore", "drop": "if_binary"},
        {"handle_unknown": "infrequent_if_exist", "min_frequency": 2},
        {"handle_unknown": "infrequent_if_exist", "min_frequency": 0.2},
        {"handle_unknown": "ignore", "min_frequency": 3, "drop": "first"},
        {"handle_unknown": "ignore", "min_frequency": 2},
    ]
    for params in onehot:
        enc = OneHotEncoder(sparse_output=False, **params).fit(train)
        cases.append({
            "type": "OneHotEncoder", "params": params,
            "feature_names": enc.get_feature_names_out().tolist(),
            "train_out": matrix(enc.transform(train)), "test_out": matrix(enc.transform(test)),
        })
    ordinal = [
        ({"handle_unknown": "use_encoded_value", "unknown_value": -1}, None),
        ({"handle_unknown": "use_encoded_value", "unknown_value": -1, "encoded_missing_value": -2}, None),
        ({"handle_unknown": "use_encoded_value", "unknown_value": 9},
         [["red", "green", "blue", "violet"], [1, 2, 3, 10], ["dog", "cat"]]),
    ]
    for params, categories in ordinal:
        kwargs = dict(params)
        if categories is not None:
            kwargs["categories"] = [np.array(c, dtype=object) if isinstance(c[0], str) else np.array(c) for c in categories]
        enc = OrdinalEncoder(**kwargs).fit(train)
        case = {"type": "OrdinalEncoder", "params": params,
                "train_out": matrix(enc.transform(train)), "test_out": matrix(enc.transform(test))}
        if categories is not None:
            case["categories"] = categories
        cases.append(case)
    return cases


def target_encodings(train, test):
    """scikit-learn 1.2.1 has no TargetEncoder: these are the encodings of
    1.3's documented formulas (smooth m: (sum + m mean) / (n + m); "auto":
    lambda = var(y) n / (var(y) n + var_c(y)), lambda mean_c + (1 - lambda) mean),
    computed with numpy on all training rows, as transform uses them."""
    y = np.array([3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.5, 3.5, 8.0, 9.5])
    cases = []
    for smooth in [2.0, "auto"]:
        mean = y.mean()
        out = []
        for row in range(len(test)):
            cells = []
            for col in train.columns:
                value = test[col].iloc[row]
                same = train[col].isna().to_numpy() if pd.isna(value) else (train[col] == value).to_numpy()
                n = same.sum()
                if n == 0:
                    cells.append(mean)
                    continue
                yc = y[same]
                if smooth == "auto":
                    lam = y.var() * n / (y.var() * n + yc.var())
                    cells.append(lam * yc.mean() + (1 - lam) * mean)
                else:
                    cells.append((yc.sum() + smooth * mean) / (n + smooth))
            out.append(cells)
        cases.append({"smooth": smooth, "test_out": out})
    return {"y": y.tolist(), "cases": cases}


def titanic_cases():
    df = pd.read_csv(os.path.join(ROOT, "resources", "datasets", "titanic.csv"))
    y = df["survived"].to_numpy()
    rows = np.arange(len(df))
    train_idx, test_idx = train_test_split(rows, test_size=0.25, random_state=0, stratify=y)
    numeric = ["age", "fare", "sibsp", "parch"]
    categorical = ["sex", "embarked", "pclass"]
    spec = {"type": "ColumnTransformer",
            "transformers": [
                ["num", {"type": "Pipeline", "steps": [{"type": "SimpleImputer", "strategy": "median"},
                                                       {"type": "StandardScaler"}]}, numeric],
                ["cat", {"type": "OneHotEncoder", "handle_unknown": "ignore"}, categorical]],
            "remainder": "drop"}
    ct = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical)], remainder="drop")
    X = df.drop(columns=["survived"])
    ct.fit(X.iloc[train_idx], y[train_idx])
    model = Pipeline([("prep", ct), ("clf", LogisticRegression(solver="lbfgs", max_iter=1000))])
    model.fit(X.iloc[train_idx], y[train_idx])
    proba = model.predict_proba(X.iloc[test_idx])[:, 1]
    accuracy = float((model.predict(X.iloc[test_idx]) == y[test_idx]).mean())
    # The lessons' pattern: SimpleImputer(most_frequent) before the encoder, on text categories.
    imputed_spec = {"type": "ColumnTransformer",
                    "transformers": [
                        ["cat", {"type": "Pipeline", "steps": [{"type": "SimpleImputer", "strategy": "most_frequent"},
                                                               {"type": "OneHotEncoder", "handle_unknown": "ignore",
                                                                "sparse_output": False}]},
                         ["sex", "embarked", "pclass"]]],
                    "remainder": "passthrough"}
    imputed = ColumnTransformer([
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                              OneHotEncoder(handle_unknown="ignore", sparse_output=False)), ["sex", "embarked", "pclass"])],
        remainder="passthrough")
    Xnum = X[["pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"]]
    imputed.fit(Xnum.iloc[train_idx])
    return {
        "imputed_column_transformer": imputed_spec,
        "imputed_columns": list(Xnum.columns),
        "imputed_feature_names": imputed.get_feature_names_out().tolist(),
        "imputed_test_out": matrix(imputed.transform(Xnum.iloc[test_idx])),
        "train_rows": train_idx.tolist(), "test_rows": test_idx.tolist(),
        "column_transformer": spec,
        "feature_names": ct.get_feature_names_out().tolist(),
        "test_out": matrix(ct.transform(X.iloc[test_idx])),
        "test_proba": proba.tolist(),
        "test_accuracy": accuracy,
    }


def main():
    train, test = small_tables()
    doc = {
        "sklearn": sklearn.__version__,
        "train": {c: column_json(train[c]) for c in train.columns},
        "test": {c: column_json(test[c]) for c in test.columns},
        "encoders": encoder_cases(train, test),
        "target_encoder": target_encodings(train, test),
        "titanic": titanic_cases(),
    }
    print(json.dumps(doc))


if __name__ == "__main__":
    main()
