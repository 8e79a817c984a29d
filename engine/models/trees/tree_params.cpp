#include "engine/models/trees/tree_params.h"

#include "engine/core/component.h"
#include "engine/core/errors.h"
#include "engine/core/parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

namespace treeparams {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

ParamSpec maxDepth(ParamValue def)
{
    ParamSpec s = ParamSpec::integer("max_depth", 0, 1, 1000,
                                     "Deepest level a tree may grow to; None grows until leaves are pure or too small")
                      .orNone();
    s.defaultValue = std::move(def);
    return s;
}

ParamSpec minSamplesSplit()
{
    return ParamSpec::integer("min_samples_split", 2, 2, 1000000000,
                              "A node needs at least this many training rows to be split");
}

ParamSpec minSamplesLeaf()
{
    return ParamSpec::integer("min_samples_leaf", 1, 1, 1000000000,
                              "Each leaf keeps at least this many training rows (larger = smoother model)");
}

ParamSpec minImpurityDecrease()
{
    return ParamSpec::floating("min_impurity_decrease", 0.0, 0.0, kInf,
                               "A split must lower the weighted impurity by at least this much");
}

ParamSpec maxFeatures(ParamValue def)
{
    ParamSpec s = ParamSpec::choice("max_features", "sqrt", {"sqrt", "log2", "fraction"},
                                    "Features tried at each split: None = all, sqrt or log2 of their number, or "
                                    "fraction (max_features_fraction of them)")
                      .orNone();
    s.defaultValue = std::move(def);
    return s;
}

ParamSpec maxFeaturesFraction()
{
    return ParamSpec::floating("max_features_fraction", 1.0, 0.0, 1.0,
                               "Share of the features tried at each split when max_features is \"fraction\"")
        .exclusiveMin();
}

ParamSpec classWeight()
{
    ParamSpec s = ParamSpec::choice("class_weight", "balanced", {"balanced"},
                                    "None weighs every row the same; balanced weighs classes inversely to their "
                                    "frequency")
                      .orNone();
    s.defaultValue = std::monostate{};
    return s;
}

ParamSpec nJobs()
{
    ParamSpec s = ParamSpec::integer("n_jobs", -1, -1, 1024,
                                     "Threads used to train and predict; None or -1 = the training context's "
                                     "setting")
                      .orNone();
    s.defaultValue = std::monostate{};
    return s;
}

ParamSpec classificationCriterion()
{
    return ParamSpec::choice("criterion", "gini", {"gini", "entropy", "log_loss"},
                             "Impurity a split minimizes: gini, or entropy (log_loss is the same criterion)");
}

ParamSpec regressionCriterion()
{
    return ParamSpec::choice("criterion", "squared_error", {"squared_error"},
                             "Impurity a split minimizes: the variance of the target in each child");
}

}  // namespace treeparams

int resolveMaxFeatures(const Component& model, int nFeatures)
{
    const ParamValue& choice = model.param("max_features");
    double count = nFeatures;
    if (const auto* s = std::get_if<std::string>(&choice)) {
        if (*s == "sqrt")
            count = std::floor(std::sqrt(static_cast<double>(nFeatures)));
        else if (*s == "log2")
            count = std::floor(std::log2(static_cast<double>(nFeatures)));
        else if (*s == "fraction")
            count = std::floor(std::get<double>(model.param("max_features_fraction")) * nFeatures);
    }
    return std::clamp(static_cast<int>(count), 1, nFeatures);
}

int resolveThreads(const Component& model, int contextThreads)
{
    const ParamValue& v = model.param("n_jobs");
    const int fallback = contextThreads <= 0 ? hardwareThreads() : contextThreads;
    if (const auto* n = std::get_if<long long>(&v)) {
        if (*n == 0)
            throw ParamError(model.typeName()
                             + ": n_jobs = 0 is not allowed; use a positive thread count, or -1 / None for the "
                               "training context's thread count");
        if (*n > 0)
            return static_cast<int>(*n);
    }
    return fallback;
}

int defaultPredictThreads()
{
    return std::min(hardwareThreads(), 8);
}

TreeGrowthParams readGrowthParams(const Component& model, int nFeatures)
{
    TreeGrowthParams p;
    const std::string criterion = std::get<std::string>(model.param("criterion"));
    p.criterion = criterion == "squared_error" ? SplitCriterion::SquaredError
                  : criterion == "gini"        ? SplitCriterion::Gini
                                               : SplitCriterion::Entropy;
    const ParamValue& depth = model.param("max_depth");
    p.maxDepth = std::holds_alternative<long long>(depth) ? static_cast<int>(std::get<long long>(depth)) : -1;
    p.minSamplesSplit = static_cast<int>(std::get<long long>(model.param("min_samples_split")));
    p.minSamplesLeaf = static_cast<int>(std::get<long long>(model.param("min_samples_leaf")));
    p.minImpurityDecrease = std::get<double>(model.param("min_impurity_decrease"));
    p.maxFeatures = resolveMaxFeatures(model, nFeatures);
    return p;
}

bool balancedClassWeight(const Component& model)
{
    return std::holds_alternative<std::string>(model.param("class_weight"));
}

}  // namespace dslab
