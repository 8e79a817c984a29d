#!/usr/bin/python3
"""Expected KMeans and silhouette results from scikit-learn for the cluster tests.

Run from the repository root with Debian's interpreter (scikit-learn 1.2.1):
    /usr/bin/python3 tests/engine/models/cluster/data/make_expected.py
Data are the shipped CSVs (features only). Writes cluster_expected.json next
to this script.
"""
import csv, json, os
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_samples, silhouette_score

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 5))


def load(name):
    with open(os.path.join(ROOT, "resources", "datasets", name + ".csv")) as f:
        rows = list(csv.reader(f))
    X = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    target = [r[-1] for r in rows[1:]]
    labels = sorted(set(target))
    return X, np.array([labels.index(v) for v in target])


out = {"sklearn": sklearn.__version__, "kmeans": [], "silhouette": []}
for name, k in [("iris", 3), ("iris", 5), ("wine", 3), ("digits", 10)]:
    X, _ = load(name)
    # scikit-learn's best of 10 k-means++ runs (its n_init=10 default in 1.2).
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    out["kmeans"].append({"dataset": name, "n_clusters": k, "inertia": float(km.inertia_),
                          "centers": km.cluster_centers_.tolist()})
for name in ["iris", "wine"]:
    X, y = load(name)
    km_labels = KMeans(n_clusters=4, n_init=10, random_state=0).fit_predict(X)
    for label_name, labels in [("target", y), ("kmeans4", km_labels)]:
        out["silhouette"].append({"dataset": name, "labels_from": label_name, "labels": labels.tolist(),
                                  "score": float(silhouette_score(X, labels)),
                                  "samples": silhouette_samples(X, labels).tolist()})
with open(os.path.join(HERE, "cluster_expected.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.join(HERE, "cluster_expected.json"))
