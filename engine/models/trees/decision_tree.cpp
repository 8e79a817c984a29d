#include "engine/models/trees/decision_tree.h"

#include "engine/core/errors.h"
#include "engine/models/trees/cart_builder.h"
#include "engine/models/trees/tree_input.h"
#include "engine/models/trees/tree_params.h"

namespace dslab {

Vector argmaxLabels(const Matrix& proba, const std::vector<double>& classes)
{
    Vector labels(proba.rows());
    for (Eigen::Index i = 0; i < proba.rows(); ++i) {
        Eigen::Index best = 0;
        for (Eigen::Index c = 1; c < proba.cols(); ++c)
            if (proba(i, c) > proba(i, best))
                best = c;
        labels(i) = classes[static_cast<std::size_t>(best)];
    }
    return labels;
}

// ---------------------------------------------------------------- classifier

const std::vector<ParamSpec>& DecisionTreeClassifier::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        treeparams::classificationCriterion(),
        treeparams::maxDepth(std::monostate{}),
        treeparams::minSamplesSplit(),
        treeparams::minSamplesLeaf(),
        treeparams::maxFeatures(std::monostate{}),
        treeparams::maxFeaturesFraction(),
        treeparams::classWeight(),
        treeparams::minImpurityDecrease(),
    };
    return specs;
}

void DecisionTreeClassifier::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    checkFitInput(X, y);
    const LabelCodes labels = encodeLabels(y, typeName());
    const TreeGrowthParams params = readGrowthParams(*this, static_cast<int>(X.cols()));
    const std::vector<double> cw = classWeights(labels, balancedClassWeight(*this));
    std::vector<double> weights(labels.codes.size());
    for (std::size_t i = 0; i < weights.size(); ++i)
        weights[i] = cw[static_cast<std::size_t>(labels.codes[i])];

    const int k = static_cast<int>(labels.classes.size());
    resetModel(static_cast<int>(X.cols()), std::vector<double>(static_cast<std::size_t>(k), 0.0), labels.classes);
    TreeTarget target;
    target.codes = labels.codes.data();
    target.nClasses = k;
    appendTree(growExactTree(X, target, weights, params, static_cast<std::uint32_t>(ctx.seed)), 1.0, 0);
    setPredictThreads(1);
    setFitted(true);
    reportSingleStep(X, y, ctx);
}

Matrix DecisionTreeClassifier::predictProba(const Matrix& X) const
{
    checkPredictInput(X);
    return rawOutput(X);
}

Vector DecisionTreeClassifier::predict(const Matrix& X) const
{
    return argmaxLabels(predictProba(X), classes());
}


// ---------------------------------------------------------------- regressor

const std::vector<ParamSpec>& DecisionTreeRegressor::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        treeparams::regressionCriterion(),
        treeparams::maxDepth(std::monostate{}),
        treeparams::minSamplesSplit(),
        treeparams::minSamplesLeaf(),
        treeparams::maxFeatures(std::monostate{}),
        treeparams::maxFeaturesFraction(),
        treeparams::minImpurityDecrease(),
    };
    return specs;
}

void DecisionTreeRegressor::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    checkFitInput(X, y);
    const TreeGrowthParams params = readGrowthParams(*this, static_cast<int>(X.cols()));
    resetModel(static_cast<int>(X.cols()), {0.0}, {});
    std::vector<double> weights(static_cast<std::size_t>(X.rows()), 1.0);
    TreeTarget target;
    target.values = y.data();
    appendTree(growExactTree(X, target, weights, params, static_cast<std::uint32_t>(ctx.seed)), 1.0, 0);
    setPredictThreads(1);
    setFitted(true);
    reportSingleStep(X, y, ctx);
}

Vector DecisionTreeRegressor::predict(const Matrix& X) const
{
    checkPredictInput(X);
    return rawOutput(X).col(0);
}


}  // namespace dslab
