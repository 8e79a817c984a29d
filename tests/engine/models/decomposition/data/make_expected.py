#!/usr/bin/python3
"""Expected PCA results from scikit-learn for test_pca.cpp.

Run from the repository root with Debian's interpreter (scikit-learn 1.2.1):
    /usr/bin/python3 tests/engine/models/decomposition/data/make_expected.py
Data are the shipped CSVs (features only); PCA(svd_solver="full"), the exact
solver, on all rows. Writes pca_expected.json next to this script.
"""
import csv, json, os
import numpy as np
import sklearn
from sklearn.decomposition import PCA

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 5))


def load(name):
    with open(os.path.join(ROOT, "resources", "datasets", name + ".csv")) as f:
        rows = list(csv.reader(f))
    return np.array([[float(v) for v in r[:-1]] for r in rows[1:]])


out = {"sklearn": sklearn.__version__, "cases": []}
for name, n_components, whiten, keep in [("iris", None, False, 4), ("iris", 2, True, 2), ("digits", None, False, 10),
                                         ("digits", 0.9, False, 10), ("wine", 3, False, 3)]:
    X = load(name)
    p = PCA(n_components=n_components, whiten=whiten, svd_solver="full").fit(X)
    out["cases"].append({
        "dataset": name, "n_components": n_components, "whiten": whiten,
        "n_components_": int(p.n_components_),
        "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
        "explained_variance": p.explained_variance_.tolist(),
        "singular_values": p.singular_values_.tolist(),
        "noise_variance": float(p.noise_variance_),
        "mean": p.mean_.tolist(),
        # the leading components only (digits has 64 x 64)
        "components": p.components_[:keep].tolist(),
        "transform_first_rows": p.transform(X[:5])[:, :keep].tolist(),
    })
with open(os.path.join(HERE, "pca_expected.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.join(HERE, "pca_expected.json"))
