#!/usr/bin/python3
"""Reference side of bench_text: times scikit-learn's
TfidfVectorizer(...).fit_transform on every message of sms_spam (the same
CSV as the C++ side, read with the csv module so every cell stays text) and
prints one JSON object: settings -> {"seconds" (median), "runs", "features", "nnz"}.

    /usr/bin/python3 tests/bench/sklearn_text.py <project dir>
"""
import csv
import json
import os
import statistics
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer

# The same settings as bench_text.cpp's cases, in order.
CASES = {
    "defaults": {},
    "english+1-2grams+sublinear+min_df2": {"stop_words": "english", "ngram_range": (1, 2),
                                           "sublinear_tf": True, "min_df": 2},
}


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "resources", "datasets", "sms_spam.csv"), newline="", encoding="utf-8") as f:
        docs = [row[0] for row in list(csv.reader(f))[1:]]
    out = {}
    for name, params in CASES.items():
        times = []
        end = time.perf_counter() + 3.0
        while len(times) < 5 or (time.perf_counter() < end and len(times) < 51):
            t = time.perf_counter()
            X = TfidfVectorizer(**params).fit_transform(docs)
            times.append(time.perf_counter() - t)
        out[name] = {"seconds": statistics.median(times), "runs": len(times),
                     "features": int(X.shape[1]), "nnz": int(X.nnz)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
