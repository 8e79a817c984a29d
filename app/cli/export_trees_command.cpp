// dslab-cli export-trees: write a saved tree model's trees as flat arrays
// (feature, threshold, left, right, value, cover per node), with the tree
// weights and output columns, base value, link and feature names: everything
// an outside TreeSHAP or a tree drawing needs, in one JSON file.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/model_features.h"
#include "engine/core/component.h"
#include "engine/models/trees/tree_model.h"
#include "engine/pipeline/pipeline_json.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace dslab::cli {

namespace {

// The widest feature index any tree splits on, plus one (the model's input width when no names are known).
Eigen::Index featureWidth(const TreeModel& model)
{
    int widest = -1;
    for (const auto& t : model.trees())
        for (int f : t.feature)
            widest = std::max(widest, f);
    return widest + 1;
}

}  // namespace

int runExportTrees(int argc, char** argv, const ResourcePaths&)
{
    const CommandLine args(argc, argv, 2, {"model", "out"});
    const std::string modelPath = args.required("model");
    const std::string outPath = args.required("out");
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::weakly_canonical(modelPath, ec) == fs::weakly_canonical(outPath, ec))
        throw UsageError("the output '" + outPath + "' is also the model; choose another file name");

    const Pipeline pipeline = loadFittedPipeline(modelPath);
    const TreeModel& model = treeModelOf(pipeline, "export-trees");
    const Estimator* estimator = pipeline.finalEstimator();

    // Names of the features the trees split on: after the pipeline's transformers.
    StringList names = modelFeatureNames(pipeline, -1);
    if (static_cast<Eigen::Index>(names.size()) < featureWidth(model))
        names = modelFeatureNames(pipeline, featureWidth(model));

    nlohmann::json out;
    out["format"] = "dslab-trees";
    out["model"] = estimator->typeName();
    out["feature_names"] = names;
    out["output_names"] = outputNames(pipeline, static_cast<Eigen::Index>(model.baseValue().size()));
    out["link"] = treeLinkName(model.outputLink());
    out["base_value"] = model.baseValue();
    std::vector<double> weights;
    std::vector<int> columns;
    nlohmann::json trees = nlohmann::json::array();
    for (std::size_t t = 0; t < model.trees().size(); ++t) {
        const TreeArrays& tree = model.trees()[t];
        weights.push_back(model.treeWeight(t));
        columns.push_back(model.treeColumn(t));
        nlohmann::json j;
        j["n_outputs"] = tree.nOutputs;
        j["feature"] = tree.feature;
        j["threshold"] = tree.threshold;
        j["left"] = tree.left;
        j["right"] = tree.right;
        j["value"] = tree.value;
        j["cover"] = tree.cover;
        trees.push_back(std::move(j));
    }
    out["tree_weights"] = weights;
    out["tree_columns"] = columns;
    out["trees"] = std::move(trees);
    writeFileAtomically(outPath, out.dump() + "\n");
    std::cout << "wrote " << model.trees().size() << " trees to " << outPath << "\n";
    return 0;
}

}  // namespace dslab::cli
