#!/usr/bin/python3
"""Expected partial dependence from scikit-learn for test_model_inspection.

Run from the repository root with Debian's interpreter (scikit-learn 1.2.1):
    /usr/bin/python3 tests/engine/explain/data/make_pd_reference.py
Fits LinearRegression on the shipped diabetes.csv (all rows, every column but
the target) and writes partial_dependence(kind="both", method="brute") for a
continuous feature, a two-valued one and a pair to pd_expected.json next to
this script. The grid ends are mquantiles at 5% and 95%.
"""
import csv, json, os
import numpy as np
import sklearn
from sklearn.inspection import partial_dependence
from sklearn.linear_model import LinearRegression

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 4))

with open(os.path.join(ROOT, "resources", "datasets", "diabetes.csv")) as f:
    rows = list(csv.reader(f))
X = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
y = np.array([float(r[-1]) for r in rows[1:]])
model = LinearRegression().fit(X, y)

cases = []
for features, resolution in [([2], 20), ([1], 20), ([2, 3], 6)]:
    pd = partial_dependence(model, X, features, grid_resolution=resolution, kind="both", method="brute")
    cases.append({"features": features, "grid_resolution": resolution,
                  "grid": [list(map(float, g)) for g in pd["values"]],
                  "average": [float(v) for v in np.ravel(pd["average"][0])],
                  "individual_row0": [float(v) for v in np.ravel(pd["individual"][0][0])]})

out = {"sklearn": sklearn.__version__, "dataset": "diabetes", "model": "LinearRegression", "cases": cases}
with open(os.path.join(HERE, "pd_expected.json"), "w") as f:
    json.dump(out, f, indent=1)
