// learning_curve: train and test scores as the training set grows. For each
// size the model is fitted on the first n rows of every fold's training part
// (scikit-learn's order), so the curve shows whether more data would help
// (test score still rising) or the model is too simple (both flat and low).
#pragma once

#include "engine/model_selection/cross_validation.h"

namespace dslab {

struct LearningCurve {
    std::vector<Eigen::Index> trainSizes;        // absolute sizes used, increasing and distinct
    std::vector<std::vector<double>> trainScores;  // [size][fold]
    std::vector<std::vector<double>> testScores;   // [size][fold]
};

// trainSizes: fractions in (0, 1] of the first split's training part, or
// absolute counts when > 1 (as scikit-learn's train_sizes). Throws ParamError
// for sizes out of range.
LearningCurve learningCurve(const Pipeline& pipeline, const Matrix& X, const Vector& y, const CrossValidator& cv,
                            const std::vector<double>& trainSizes, TrainContext& ctx, const std::string& scoring = {});

}  // namespace dslab
