// Train/test splits of the shipped datasets for the tree-model tests. The row
// indices come from data/tree_splits.json, written by
// data/make_tree_reference.py (scikit-learn's split cannot be reproduced in
// C++), so the tests fit on exactly the rows the reference numbers used.
#pragma once

#include "engine/core/errors.h"
#include "engine/core/types.h"
#include "tests/support/test_support.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace dslab::test {

struct TreeSplit {
    Matrix trainX, testX;
    Vector trainY, testY;  // class codes 0..K-1 in sorted label order, or the regression target
};

inline TreeSplit loadTreeSplit(const std::string& name, bool regression = false)
{
    const Dataset data = builtin(name);
    const Matrix X = data.featureMatrix();
    const Vector y = regression ? data.targetValues() : data.targetCodes();
    const std::string file = resourceDir() + "/tests/engine/models/trees/data/tree_splits.json";
    std::ifstream in(file);
    if (!in)
        throw IoError("cannot open " + file);
    const nlohmann::json splits = nlohmann::json::parse(in);
    const IndexList train = splits.at(name).at("train").get<IndexList>();
    const IndexList test = splits.at(name).at("test").get<IndexList>();
    return {selectRows(X, train), selectRows(X, test), selectRows(y, train), selectRows(y, test)};
}

}  // namespace dslab::test
