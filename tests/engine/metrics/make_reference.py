#!/usr/bin/python3
"""Writes evaluation_metrics_reference.json, the scikit-learn 1.2.1 numbers
held by test_evaluation_metrics.cpp (balanced accuracy, zero_division=0/1,
normalized confusion matrices, precision-recall curves and average precision
with tied scores, Brier score):

    /usr/bin/python3 tests/engine/metrics/make_reference.py > tests/engine/metrics/evaluation_metrics_reference.json
"""
import json
import warnings

import numpy as np
import sklearn
from sklearn import metrics

warnings.simplefilter("ignore")  # the zero-division warnings are the point

Y3 = [0, 1, 2, 2, 1, 0, 1, 2, 0, 2]
P3 = [0, 2, 2, 2, 1, 0, 0, 2, 1, 1]
# Label 3 is only predicted; label 2 is never predicted.
YZ = [0, 1, 2, 2, 0, 1]
PZ = [0, 1, 1, 3, 0, 0]
# Ties inside and across the classes.
TY = [0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0]
TS = [0.1, 0.4, 0.35, 0.8, 0.4, 0.35, 0.9, 0.2, 0.4, 0.05, 0.8, 0.35]
PROB = [0.1, 0.4, 0.35, 0.8, 0.4, 0.35, 0.9, 0.2, 0.4, 0.05, 0.8, 1.0]


def prf(y, p, **kw):
    pr, rc, f1, _ = metrics.precision_recall_fscore_support(y, p, **kw)
    return [float(v) for v in np.ravel([pr, rc, f1])]


def main():
    out = {"sklearn_version": sklearn.__version__,
           "inputs": {"y3": Y3, "p3": P3, "yz": YZ, "pz": PZ, "ty": TY, "ts": TS, "prob": PROB}}
    out["balanced_accuracy"] = metrics.balanced_accuracy_score(Y3, P3)
    out["balanced_accuracy_adjusted"] = metrics.balanced_accuracy_score(Y3, P3, adjusted=True)
    out["balanced_accuracy_only_predicted"] = metrics.balanced_accuracy_score(YZ, PZ)
    for norm in ("true", "pred", "all"):
        out[f"confusion_{norm}"] = metrics.confusion_matrix(YZ, PZ, normalize=norm).tolist()
    cases = []
    for zd in (0, 1):
        for average in ("micro", "macro", "weighted"):
            cases.append({"labels": None, "average": average, "zero_division": zd,
                          "prf": prf(YZ, PZ, average=average, zero_division=zd)})
            cases.append({"labels": [0, 1, 2, 3, 4], "average": average, "zero_division": zd,
                          "prf": prf(YZ, PZ, labels=[0, 1, 2, 3, 4], average=average, zero_division=zd)})
        pr, rc, f1, sup = metrics.precision_recall_fscore_support(YZ, PZ, zero_division=zd)
        cases.append({"labels": None, "average": "none", "zero_division": zd,
                      "prf": np.column_stack([pr, rc, f1, sup]).ravel().tolist()})
        # Binary with nothing predicted positive, and with no positive at all.
        cases.append({"y": [0, 1, 1, 0], "p": [0, 0, 0, 0], "average": "binary", "zero_division": zd,
                      "prf": prf([0, 1, 1, 0], [0, 0, 0, 0], average="binary", zero_division=zd)})
        cases.append({"y": [0, 0, 0, 0], "p": [0, 0, 0, 0], "average": "binary", "zero_division": zd,
                      "prf": prf([0, 0, 0, 0], [0, 0, 0, 0], average="binary", zero_division=zd)})
        # Weighted over a label that never occurs: predicted, and not predicted.
        cases.append({"y": [0, 1, 1, 0], "p": [0, 5, 0, 0], "labels": [5], "average": "weighted",
                      "zero_division": zd,
                      "prf": prf([0, 1, 1, 0], [0, 5, 0, 0], labels=[5], average="weighted", zero_division=zd)})
        cases.append({"y": [0, 1, 1, 0], "p": [0, 1, 0, 0], "labels": [5], "average": "weighted",
                      "zero_division": zd,
                      "prf": prf([0, 1, 1, 0], [0, 1, 0, 0], labels=[5], average="weighted", zero_division=zd)})
    out["prf_cases"] = cases
    p, r, t = metrics.precision_recall_curve(TY, TS)
    out["pr_curve"] = {"precision": p.tolist(), "recall": r.tolist(), "thresholds": t.tolist()}
    out["average_precision"] = metrics.average_precision_score(TY, TS)
    out["average_precision_all_tied"] = metrics.average_precision_score(TY, [0.5] * len(TY))
    p, r, t = metrics.precision_recall_curve([0, 0, 0], [0.2, 0.5, 0.5])
    out["pr_curve_no_positive"] = {"precision": p.tolist(), "recall": r.tolist(), "thresholds": t.tolist()}
    out["roc_auc_ties"] = metrics.roc_auc_score(TY, TS)
    out["roc_auc_coarse_ties"] = metrics.roc_auc_score(TY, np.round(np.array(TS) * 2) / 2)
    out["brier"] = metrics.brier_score_loss(TY, PROB)
    out["brier_pos0"] = metrics.brier_score_loss(TY, PROB, pos_label=0)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
