// validation_curve: train and test scores across values of one parameter
// (addressed as "<step>__<param>" on the pipeline, e.g.
// "LogisticRegression__C"), to see where a model moves from underfitting
// (both scores low) to overfitting (train high, test falling).
#pragma once

#include "engine/model_selection/cross_validation.h"

namespace dslab {

struct ValidationCurve {
    std::string parameter;
    std::vector<ParamValue> values;
    std::vector<std::vector<double>> trainScores;  // [value][fold]
    std::vector<std::vector<double>> testScores;   // [value][fold]
};

// Throws ParamError for an empty list of values, an unknown address or a value the parameter rejects.
ValidationCurve validationCurve(const Pipeline& pipeline, const Matrix& X, const Vector& y, const CrossValidator& cv,
                                const std::string& parameter, const std::vector<ParamValue>& values,
                                TrainContext& ctx, const std::string& scoring = {});

}  // namespace dslab
