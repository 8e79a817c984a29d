// The scikit-learn 1.2.1 numbers shared by the model-selection tests, read
// from model_selection_reference.json, produced by:
//   /usr/bin/python3 tests/engine/model_selection/make_reference.py > tests/engine/model_selection/model_selection_reference.json
#pragma once

#include "engine/core/catalog.h"
#include "engine/data/split.h"
#include "engine/pipeline/pipeline.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dslab::test {

inline const nlohmann::json& modelSelectionReference()
{
    static const nlohmann::json doc = [] {
        std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/model_selection/model_selection_reference.json");
        return nlohmann::json::parse(in);
    }();
    return doc;
}

inline std::vector<SplitIndices> splitsFromJson(const nlohmann::json& folds)
{
    std::vector<SplitIndices> out;
    for (const auto& f : folds)
        out.push_back({f.at("train").get<IndexList>(), f.at("test").get<IndexList>()});
    return out;
}

// make_pipeline(StandardScaler(), LogisticRegression()) with scikit-learn's step names.
inline Pipeline scaledLogistic()
{
    Pipeline p;
    p.addStep(Catalog::builtin().create("StandardScaler"));
    p.addStep(Catalog::builtin().create("LogisticRegression"));
    return p;
}

}  // namespace dslab::test
