#include "engine/model_selection/learning_curve.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>

namespace dslab {

LearningCurve learningCurve(const Pipeline& pipeline, const Matrix& X, const Vector& y, const CrossValidator& cv,
                            const std::vector<double>& trainSizes, TrainContext& ctx, const std::string& scoring)
{
    if (trainSizes.empty())
        throw ParamError("learning_curve: give at least one training-set size");
    const Scorer scorer = makeScorer(scoring, pipeline.isClassifier());
    const std::vector<SplitIndices> splits = cv.split(X.rows(), &y);
    // Fractions are of the first split's training part, as scikit-learn's
    // n_max_training_samples; a split with fewer training rows uses them all.
    const auto maxTrain = static_cast<Eigen::Index>(splits.front().train.size());

    LearningCurve curve;
    for (double size : trainSizes) {
        Eigen::Index n = 0;
        if (size > 0 && size <= 1)
            n = std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::floor(size * static_cast<double>(maxTrain))));
        else if (size > 1 && size <= static_cast<double>(maxTrain) && size == std::floor(size))
            n = static_cast<Eigen::Index>(size);
        else
            throw ParamError("learning_curve: a training size must be a fraction in (0, 1] or a whole number of rows up "
                             "to " + std::to_string(maxTrain) + " (the first split's training part), not "
                             + std::to_string(size));
        curve.trainSizes.push_back(n);
    }
    std::sort(curve.trainSizes.begin(), curve.trainSizes.end());
    curve.trainSizes.erase(std::unique(curve.trainSizes.begin(), curve.trainSizes.end()), curve.trainSizes.end());

    for (Eigen::Index n : curve.trainSizes) {
        std::vector<SplitIndices> truncated = splits;
        for (auto& s : truncated)
            s.train.resize(std::min(s.train.size(), static_cast<std::size_t>(n)));
        const CrossValidationResult r = crossValidateFolds(pipeline, materializeFolds(X, y, truncated), scorer, ctx, true);
        curve.trainScores.push_back(r.trainScores);
        curve.testScores.push_back(r.testScores);
        if (r.cancelled)
            break;
    }
    return curve;
}

}  // namespace dslab
