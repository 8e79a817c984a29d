// The benchmark train/test splits of the shipped datasets for the linear-model
// tests and benchmark: row indices come from data/<name>_split.txt, written by
// data/make_splits.py because scikit-learn's split RNG cannot be reproduced.
#pragma once

#include "engine/core/errors.h"
#include "engine/core/train_context.h"
#include "engine/core/types.h"
#include "engine/data/builtin_datasets.h"
#include "engine/preprocessing/standard_scaler.h"

#include <fstream>
#include <sstream>
#include <string>

namespace dslab::test {

struct SplitData {
    Matrix trainX, testX;
    Vector trainY, testY;  // class codes 0..K-1 (sorted labels), as Dataset::targetCodes
};

inline IndexList readSplitRows(const std::string& file, const std::string& part)
{
    std::ifstream in(file);
    if (!in)
        throw IoError("cannot open " + file);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string key;
        fields >> key;
        if (key != part)
            continue;
        IndexList rows;
        for (Eigen::Index row = 0; fields >> row;)
            rows.push_back(row);
        return rows;
    }
    throw DataError(file + " has no '" + part + "' line");
}

// `resourceDir`: the project folder (dslab::test::resourceDir() in tests).
inline SplitData loadSplit(const std::string& name, const std::string& resourceDir, bool standardize)
{
    const Dataset data = loadBuiltinDataset(name, resourceDir + "/resources/datasets");
    const Matrix X = data.featureMatrix();
    const Vector y = data.targetCodes();
    const std::string file = resourceDir + "/tests/engine/models/linear/data/" + name + "_split.txt";
    const IndexList train = readSplitRows(file, "train");
    const IndexList test = readSplitRows(file, "test");
    SplitData out{selectRows(X, train), selectRows(X, test), selectRows(y, train), selectRows(y, test)};
    if (standardize) {
        // Fit on the training rows only, as a pipeline would.
        StandardScaler scaler;
        TrainContext ctx;
        scaler.fit(out.trainX, nullptr, ctx);
        out.trainX = scaler.transform(out.trainX);
        out.testX = scaler.transform(out.testX);
    }
    return out;
}

}  // namespace dslab::test
