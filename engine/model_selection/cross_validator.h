// The common shape of scikit-learn's splitters (KFold, StratifiedKFold,
// ShuffleSplit, TimeSeriesSplit): given the number of rows (and the class
// codes for a stratified one) they list train/test index sets. Splitters hold
// only their settings, so one object may split many datasets and be shared by
// threads.
#pragma once

#include "engine/core/types.h"
#include "engine/data/split.h"

#include <string>
#include <vector>

namespace dslab {

class CrossValidator {
public:
    virtual ~CrossValidator() = default;
    virtual std::string typeName() const = 0;
    // Number of train/test pairs split() returns (get_n_splits).
    virtual int splitCount() const = 0;
    // y holds class codes for stratified splitters; others ignore it.
    // Throws DataError when the data cannot be split as asked.
    virtual std::vector<SplitIndices> split(Eigen::Index rows, const Vector* y = nullptr) const = 0;
};

}  // namespace dslab
