#!/usr/bin/python3
"""Prints the scikit-learn 1.2.1 numbers held by test_classification_metrics.cpp
and test_regression_metrics.cpp, as C++ initializers:

    /usr/bin/python3 tests/engine/metrics/sklearn_reference.py classification
    /usr/bin/python3 tests/engine/metrics/sklearn_reference.py regression
"""
import sys
import warnings

import numpy as np
from sklearn import metrics

warnings.simplefilter("ignore")  # zero_division and undefined-metric warnings are the point here

Y3 = [0, 1, 2, 2, 1, 0, 1, 2, 0, 2]
P3 = [0, 2, 2, 2, 1, 0, 0, 2, 1, 1]
YB = [0, 1, 1, 0, 1, 1, 0, 0]
PB = [0, 1, 0, 0, 1, 1, 1, 0]
# Ties inside and across the classes.
ROC_Y = [0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0]
ROC_S = [0.1, 0.4, 0.35, 0.8, 0.4, 0.35, 0.9, 0.2, 0.4, 0.05, 0.8, 0.35]
PROBA = np.array([[0.7, 0.2, 0.1], [0.1, 0.5, 0.4], [0.2, 0.2, 0.6], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25],
                  [0.6, 0.3, 0.1], [0.4, 0.4, 0.2], [0.1, 0.1, 0.8], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
# Rows with exact zeros and ones (clipped) and one that does not sum to 1 (renormalized).
LOSS_Y = [0, 1, 2, 1]
LOSS_P = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.3, 0.5], [0.2, 0.4, 0.2]])


def cpp(name, values):
    values = np.asarray(values, dtype=float).ravel()
    print(f"const std::vector<double> {name} = {{{', '.join(repr(float(v)) for v in values)}}};")


def scalar(name, value):
    print(f"constexpr double {name} = {float(value)!r};")


def prf(tag, y, p, **kw):
    pr, rc, f1, _ = metrics.precision_recall_fscore_support(y, p, zero_division=0, **kw)
    cpp(tag, [pr, rc, f1])


def classification():
    scalar("kAccuracy", metrics.accuracy_score(Y3, P3))
    cpp("kConfusion", metrics.confusion_matrix(Y3, P3))
    cpp("kConfusionReordered", metrics.confusion_matrix(Y3, P3, labels=[2, 0, 1]))
    cpp("kConfusionSubset", metrics.confusion_matrix(Y3, P3, labels=[0, 1]))
    for average in ("micro", "macro", "weighted"):
        prf(f"kPrf{average.capitalize()}", Y3, P3, average=average)
    pr, rc, f1, sup = metrics.precision_recall_fscore_support(Y3, P3, zero_division=0)
    cpp("kPerClass", np.column_stack([pr, rc, f1, sup]))
    prf("kPrfBinary", YB, PB, average="binary", pos_label=1)
    prf("kPrfBinaryNegative", YB, PB, average="binary", pos_label=0)
    # zero_division: class 2 is never predicted; label 3 never occurs at all.
    prf("kPrfZeroDivisionMacro", [0, 1, 2, 2], [0, 1, 1, 1], labels=[0, 1, 2, 3], average="macro")
    prf("kPrfZeroDivisionWeighted", [0, 1, 2, 2], [0, 1, 1, 1], labels=[0, 1, 2, 3], average="weighted")
    prf("kPrfZeroDivisionMicro", [0, 1, 2, 2], [0, 1, 1, 1], labels=[0, 1, 2, 3], average="micro")
    prf("kPrfNothingPredicted", [0, 1, 1, 0], [0, 0, 0, 0], average="binary")
    fpr, tpr, thr = metrics.roc_curve(ROC_Y, ROC_S)
    cpp("kRocFpr", fpr)
    cpp("kRocTpr", tpr)
    cpp("kRocThresholds", thr)
    fpr, tpr, thr = metrics.roc_curve(ROC_Y, ROC_S, drop_intermediate=False)
    cpp("kRocFullFpr", fpr)
    cpp("kRocFullThresholds", thr)
    scalar("kRocAuc", metrics.roc_auc_score(ROC_Y, ROC_S))
    scalar("kRocAucAllTied", metrics.roc_auc_score(ROC_Y, [0.5] * len(ROC_Y)))
    scalar("kRocAucOvr", metrics.roc_auc_score(Y3, PROBA, multi_class="ovr"))
    scalar("kLogLoss", metrics.log_loss(LOSS_Y, LOSS_P, eps=1e-15))
    scalar("kLogLossProba", metrics.log_loss(Y3, PROBA, eps=1e-15))


def regression():
    y = [3.0, -0.5, 2.0, 7.0, 4.2]
    p = [2.5, 0.0, 2.0, 8.0, 3.9]
    scalar("kMse", metrics.mean_squared_error(y, p))
    scalar("kMae", metrics.mean_absolute_error(y, p))
    scalar("kR2", metrics.r2_score(y, p))
    scalar("kR2Negative", metrics.r2_score(y, [10.0, 10.0, 10.0, 10.0, 10.0]))
    scalar("kR2ConstantPerfect", metrics.r2_score([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]))
    scalar("kR2ConstantWrong", metrics.r2_score([2.0, 2.0, 2.0], [2.0, 2.0, 2.5]))


if __name__ == "__main__":
    {"classification": classification, "regression": regression}[sys.argv[1]]()
