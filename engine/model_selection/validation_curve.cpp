#include "engine/model_selection/validation_curve.h"

#include "engine/core/errors.h"

namespace dslab {

ValidationCurve validationCurve(const Pipeline& pipeline, const Matrix& X, const Vector& y, const CrossValidator& cv,
                                const std::string& parameter, const std::vector<ParamValue>& values,
                                TrainContext& ctx, const std::string& scoring)
{
    if (values.empty())
        throw ParamError("validation_curve: give at least one value for '" + parameter + "'");
    // Set every value on a copy first, so a bad value fails before any fitting.
    std::vector<Pipeline> candidates;
    for (const auto& v : values) {
        candidates.push_back(pipeline.cloneUnfitted());
        candidates.back().setParam(parameter, v);
    }
    const Scorer scorer = makeScorer(scoring, pipeline.isClassifier());
    const std::vector<FoldData> folds = materializeFolds(X, y, cv.split(X.rows(), &y));
    ValidationCurve curve;
    curve.parameter = parameter;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const CrossValidationResult r = crossValidateFolds(candidates[i], folds, scorer, ctx, true);
        curve.values.push_back(values[i]);
        curve.trainScores.push_back(r.trainScores);
        curve.testScores.push_back(r.testScores);
        if (r.cancelled)
            break;
    }
    return curve;
}

}  // namespace dslab
