#!/usr/bin/python3
"""Writes drift_reference.json for test_drift_report.cpp: scipy's two-sample
Kolmogorov-Smirnov statistic and p-value (ks_2samp, method="asymp") and the
PSI over 10 training-quantile bins (numpy quantiles, shares floored at 1e-4),
on fixed samples:

    /usr/bin/python3 tests/engine/drift/make_reference.py > tests/engine/drift/drift_reference.json
"""
import json

import numpy as np
import scipy
from scipy import stats


def psi(train, new, bins=10):
    edges = np.unique(np.quantile(train, np.arange(1, bins) / bins))
    e = np.bincount(np.searchsorted(edges, train, side="right"), minlength=len(edges) + 1) / len(train)
    a = np.bincount(np.searchsorted(edges, new, side="right"), minlength=len(edges) + 1) / len(new)
    e = np.maximum(e, 1e-4)
    a = np.maximum(a, 1e-4)
    return float(np.sum((a - e) * np.log(a / e)))


def main():
    rng = np.random.default_rng(0)
    cases = []
    for name, a, b in [
        ("same", rng.normal(0, 1, 400), rng.normal(0, 1, 300)),
        ("shifted", rng.normal(0, 1, 500), rng.normal(0.3, 1, 450)),
        ("scaled", rng.normal(0, 1, 300), rng.normal(0, 2, 350)),
        ("ties", rng.integers(0, 5, 200).astype(float), rng.integers(0, 6, 250).astype(float)),
    ]:
        ks = stats.ks_2samp(a, b, method="asymp")
        cases.append({"name": name, "a": a.tolist(), "b": b.tolist(), "ks_statistic": float(ks.statistic),
                      "ks_pvalue": float(ks.pvalue), "psi": psi(a, b)})
    print(json.dumps({"scipy_version": scipy.__version__, "cases": cases}))


if __name__ == "__main__":
    main()
