#!/usr/bin/python3
"""Expected t-SNE results from scikit-learn for test_tsne.cpp.

Run from the repository root with Debian's interpreter (scikit-learn 1.2.1):
    /usr/bin/python3 tests/engine/models/decomposition/data/make_tsne_expected.py
Data are the shipped CSVs (features only). Writes tsne_expected.json next to
this script:
- joint P (sklearn.manifold._t_sne._joint_probabilities on squared euclidean
  distances, in square form) for every third iris row, perplexity 10;
- kl_divergence_ of TSNE(method="exact", init="pca", random_state=0) on all
  of iris, and its trustworthiness;
- trustworthiness (n_neighbors=5) of the exact t-SNE of the first 300 digits
  and of their 2-component PCA.
"""
import csv, json, os
import numpy as np
import sklearn
from scipy.spatial.distance import squareform
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities
from sklearn.metrics import pairwise_distances

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 5))


def load(name):
    with open(os.path.join(ROOT, "resources", "datasets", name + ".csv")) as f:
        rows = list(csv.reader(f))
    return np.array([[float(v) for v in r[:-1]] for r in rows[1:]])


iris = load("iris")
digits = load("digits")
out = {"sklearn": sklearn.__version__}

small = iris[::3]
D = pairwise_distances(small, metric="euclidean", squared=True)
P = squareform(_joint_probabilities(D, 10.0, 0))
out["joint_p"] = {"rows": "iris[::3]", "perplexity": 10.0, "P": P.tolist()}

t = TSNE(n_components=2, perplexity=30.0, init="pca", random_state=0, method="exact", learning_rate="auto")
E = t.fit_transform(iris)
out["iris_exact"] = {"perplexity": 30.0, "kl_divergence": float(t.kl_divergence_), "n_iter": int(t.n_iter_),
                     "learning_rate": float(t.learning_rate_),
                     "trustworthiness": float(trustworthiness(iris, E, n_neighbors=5))}

sub = digits[:300]
t = TSNE(n_components=2, perplexity=30.0, init="pca", random_state=0, method="exact", learning_rate="auto")
E = t.fit_transform(sub)
P2 = PCA(n_components=2, svd_solver="full").fit_transform(sub)
out["digits300"] = {"kl_divergence": float(t.kl_divergence_),
                    "tsne_trustworthiness": float(trustworthiness(sub, E, n_neighbors=5)),
                    "pca2_trustworthiness": float(trustworthiness(sub, P2, n_neighbors=5))}

with open(os.path.join(HERE, "tsne_expected.json"), "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: v for k, v in out.items() if k != "joint_p"}, indent=1))
