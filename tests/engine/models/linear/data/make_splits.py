#!/usr/bin/python3
"""Writes the train/test row indices of the benchmark splits for the tests.

/work/shared/bench/make_data.py splits scikit-learn's bundled datasets with
train_test_split(X, y, test_size=0.25, random_state=0, stratify=y). That RNG
cannot be reproduced in C++, so the row indices are written here once. The
shipped CSVs (resources/datasets) hold the same rows in the same order as
scikit-learn's loaders (checked below), so the indices apply to them.

    /usr/bin/python3 tests/engine/models/linear/data/make_splits.py
"""
import os

import numpy as np
import pandas as pd
from sklearn import datasets
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))

for name, loader in (("breast_cancer", datasets.load_breast_cancer), ("iris", datasets.load_iris),
                     ("digits", datasets.load_digits)):
    bunch = loader()
    ours = pd.read_csv(os.path.join(ROOT, "resources", "datasets", name + ".csv"), float_precision="round_trip")
    assert np.array_equal(ours.iloc[:, :-1].to_numpy(float), bunch.data), name
    rows = np.arange(len(bunch.target))
    train, test = train_test_split(rows, test_size=0.25, random_state=0, stratify=bunch.target)
    with open(os.path.join(HERE, name + "_split.txt"), "w") as f:
        f.write("# train_test_split(test_size=0.25, random_state=0, stratify=y) of scikit-learn 1.2.1,\n")
        f.write("# as /work/shared/bench/make_data.py; written by make_splits.py. 0-based data rows.\n")
        f.write("train " + " ".join(map(str, train)) + "\n")
        f.write("test " + " ".join(map(str, test)) + "\n")
    print(name, len(train), len(test))
