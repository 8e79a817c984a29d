#!/usr/bin/python3
"""XGBoost's own TreeSHAP on XGBoost's own trees, for test_tree_shap.

Run from the repository root with Debian's interpreter (XGBoost 1.7.4):
    /usr/bin/python3 tests/engine/explain/data/make_xgboost_reference.py
Trains a binary and a 3-class booster on seeded float32 data, writes their
trees as our flat arrays (XGBoost sends x < t left; with float32 data that is
x <= nextafter(t, -inf) in our trees) with the hessian cover, and the values
of predict(pred_contribs=True) (last column: the expected value) for a few
rows, to xgboost_expected.json next to this script. The test runs our
TreeSHAP on the same trees and must find the same values (XGBoost adds them
up in float32, hence a 1e-5 tolerance).
"""
import json, os
import numpy as np
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))


def flat_trees(booster, classes):
    trees = []
    for t, text in enumerate(booster.get_dump(dump_format="json", with_stats=True)):
        root = json.loads(text)
        order, queue = [], [root]
        while queue:  # breadth first: children always after their parent
            node = queue.pop(0)
            order.append(node)
            queue.extend(node.get("children", []))
        index = {n["nodeid"]: i for i, n in enumerate(order)}
        tree = {"feature": [], "threshold": [], "left": [], "right": [], "value": [], "cover": []}
        for n in order:
            leaf = "leaf" in n
            tree["feature"].append(-1 if leaf else int(n["split"][1:]))
            t32 = 0.0 if leaf else float(np.nextafter(np.float32(n["split_condition"]), np.float32(-np.inf)))
            tree["threshold"].append(t32)
            tree["left"].append(-1 if leaf else index[n["yes"]])
            tree["right"].append(-1 if leaf else index[n["no"]])
            tree["value"].append(float(np.float32(n["leaf"])) if leaf else 0.0)
            tree["cover"].append(float(n["cover"]))
            assert leaf or n["missing"] == n["yes"]
        tree["column"] = t % classes if classes > 2 else 0
        trees.append(tree)
    return trees


def leaf_sum(trees, x, outputs):
    out = np.zeros(outputs)
    for tree in trees:
        node = 0
        while tree["left"][node] >= 0:
            f = tree["feature"][node]
            node = tree["left"][node] if x[f] <= tree["threshold"][node] else tree["right"][node]
        out[tree["column"]] += tree["value"][node]
    return out


rng = np.random.default_rng(7)
X = np.round(rng.normal(size=(400, 6)), 2).astype(np.float32)
score = X[:, 0] + X[:, 1] * X[:, 2] - 0.5 * np.abs(X[:, 3]) + 0.3 * rng.normal(size=400)
rows = X[:12]
cases = []
for name, classes, params, rounds in [
        ("binary", 2, {"objective": "binary:logistic", "max_depth": 4, "eta": 0.3}, 20),
        ("multiclass", 3, {"objective": "multi:softprob", "num_class": 3, "max_depth": 3, "eta": 0.3}, 8)]:
    y = (score > 0).astype(int) if classes == 2 else np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    booster = xgb.train({**params, "tree_method": "exact", "seed": 0}, xgb.DMatrix(X, label=y), rounds)
    trees = flat_trees(booster, classes)
    outputs = 1 if classes == 2 else classes
    margin = booster.predict(xgb.DMatrix(rows), output_margin=True).reshape(len(rows), outputs)
    base = np.mean([margin[i] - leaf_sum(trees, rows[i].astype(np.float64), outputs) for i in range(len(rows))], axis=0)
    contribs = booster.predict(xgb.DMatrix(rows), pred_contribs=True).reshape(len(rows), outputs, -1)
    cases.append({"name": name, "outputs": outputs, "base_value": [round(float(b), 6) for b in base], "trees": trees,
                  "rows": rows.astype(np.float64).tolist(),
                  "contribs": [[[float(v) for v in contribs[i, k]] for i in range(len(rows))] for k in range(outputs)]})

with open(os.path.join(HERE, "xgboost_expected.json"), "w") as f:
    json.dump({"xgboost": xgb.__version__, "features": 6, "cases": cases}, f)
