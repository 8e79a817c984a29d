// Plain gradient descent on a two-weight logistic regression (no intercept:
// the two weights are the whole model, so the loss is a surface over a
// plane), with the loss evaluated on a grid around the path for contours.
// The objective is the one LogisticRegression(solver="gd") steps on: the mean
// log loss plus ||w||² / (2·C·n). Qt-free; runs on the lab's worker.
#pragma once

#include "engine/core/types.h"

#include <vector>

namespace dslab {

class StopToken;

struct DescentContours {
    // The plotted box around the path and the minimum: square (equal units on
    // both axes, so round contours look round) or each axis over its own range.
    double w1Lo = -1, w1Hi = 1, w2Lo = -1, w2Hi = 1;
    int gridSize = 0;
    std::vector<double> loss;            // gridSize² values, row-major from the bottom-left, w1 fastest
    std::vector<double> pathW1, pathW2;  // the weights before the first step and after each step
    std::vector<double> pathLoss;
    double optimumW1 = 0, optimumW2 = 0, optimumLoss = 0;
    // First step from which the loss stays within 1% of its starting gap to
    // the minimum (L - L* <= 0.01 (L0 - L*)) until the end; -1 if never.
    int stepsToConverge = -1;
    // Eigenvalues of the objective's Hessian at the minimum and their ratio:
    // the curvature in the steepest and the flattest direction.
    double lambdaMax = 0, lambdaMin = 0, conditionNumber = 0;
    bool finished = false;  // false when cancelled
};

// X: n x 2 features, y: 0/1 targets. Throws DataError for a wrong shape.
DescentContours computeDescentContours(const Matrix& X, const Vector& y, double learningRate, int maxSteps,
                                       double C, int gridSize, bool equalAxes, const StopToken* stop);

}  // namespace dslab
