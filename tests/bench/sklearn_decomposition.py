#!/usr/bin/python3
"""Reference side of bench_decomposition: times scikit-learn 1.2's
PCA(...).fit_transform on all of digits (1797 x 64; median of repeated runs)
and TSNE(init="pca", random_state=0) with method="exact" and "barnes_hut"
(one run each: the exact method takes minutes) on the same rows, and prints
one JSON object: case -> {"seconds", "runs"} (+ "kl_divergence" for t-SNE).

    /usr/bin/python3 tests/bench/sklearn_decomposition.py <project dir> [--no-tsne | --no-exact]
"""
import csv
import json
import os
import statistics
import sys
import time

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

# The same settings as bench_decomposition.cpp's PCA cases, in order.
PCA_CASES = {"pca_all_components": {}, "pca_2_components": {"n_components": 2}}


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "resources", "datasets", "digits.csv"), newline="") as f:
        X = np.array([[float(v) for v in row[:-1]] for row in list(csv.reader(f))[1:]])
    out = {}
    for name, params in PCA_CASES.items():
        times = []
        end = time.perf_counter() + 3.0
        while len(times) < 5 or (time.perf_counter() < end and len(times) < 201):
            t = time.perf_counter()
            PCA(**params).fit_transform(X)
            times.append(time.perf_counter() - t)
        out[name] = {"seconds": statistics.median(times), "runs": len(times)}
    if "--no-tsne" not in sys.argv:
        for method in ("barnes_hut",) if "--no-exact" in sys.argv else ("barnes_hut", "exact"):
            t = time.perf_counter()
            tsne = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", random_state=0,
                        method=method)
            tsne.fit_transform(X)
            out["tsne_" + method] = {"seconds": time.perf_counter() - t, "runs": 1,
                                     "kl_divergence": float(tsne.kl_divergence_)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
