#include "app/cli/model_features.h"

#include "engine/core/errors.h"
#include "engine/models/trees/tree_model.h"
#include "engine/pipeline/pipeline.h"

namespace dslab::cli {

std::string treeLinkName(TreeOutputLink link)
{
    switch (link) {
    case TreeOutputLink::Identity: return "identity";
    case TreeOutputLink::Logistic: return "logistic";
    case TreeOutputLink::Softmax: return "softmax";
    case TreeOutputLink::SammeVote: return "samme_vote";
    }
    return "identity";
}


StringList numberedNames(const std::string& prefix, Eigen::Index count)
{
    StringList names;
    for (Eigen::Index j = 0; j < count; ++j) {
        // Appended rather than prefix + to_string: GCC 12 warns falsely (-Wrestrict) on the latter at -O3.
        std::string name = prefix;
        name += std::to_string(j);
        names.push_back(std::move(name));
    }
    return names;
}

StringList modelFeatureNames(const Pipeline& pipeline, Eigen::Index columns)
{
    StringList names = pipeline.featureNames();
    if (!names.empty()) {
        for (std::size_t i = 0; i < pipeline.stepCount(); ++i)
            if (const auto* tr = dynamic_cast<const Transformer*>(pipeline.step(i).component.get()))
                names = tr->featureNamesOut(names);
    }
    if (columns >= 0 && static_cast<Eigen::Index>(names.size()) != columns)
        return numberedNames("x", columns);
    return names;
}

const TreeModel& treeModelOf(const Pipeline& pipeline, const std::string& what)
{
    const Estimator* model = pipeline.finalEstimator();
    if (!model)
        throw ParamError(what + " needs a model as the pipeline's last step, and this pipeline has none");
    const auto* trees = dynamic_cast<const TreeModel*>(model);
    if (!trees)
        throw ParamError(what + " needs a tree model (DecisionTree, RandomForest, GradientBoosting or AdaBoost), but the "
                         "pipeline's model is " + model->typeName() + "; use --method kernel, lime or permutation, which "
                         "work with any model");
    return *trees;
}

StringList outputNames(const Pipeline& pipeline, Eigen::Index columns)
{
    const auto& labels = pipeline.schema().classLabels;
    if (pipeline.isClassifier() && static_cast<Eigen::Index>(labels.size()) == columns)
        return labels;
    if (pipeline.isClassifier() && columns == 1 && labels.size() == 2)
        return {labels[1]};  // a binary model's single margin is the positive class's log-odds
    if (columns == 1)
        return {pipeline.schema().target.empty() ? std::string("prediction") : pipeline.schema().target};
    return numberedNames("output", columns);
}

}  // namespace dslab::cli
