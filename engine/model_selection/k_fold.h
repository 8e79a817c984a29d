// KFold: contiguous test folds, the first rows % k of them one row larger,
// exactly as scikit-learn assigns them; with shuffle the rows are permuted
// first by our seeded generator (so shuffled folds differ from numpy's).
#pragma once

#include "engine/model_selection/cross_validator.h"

#include <cstdint>

namespace dslab {

class KFold : public CrossValidator {
public:
    // Throws ParamError when nSplits < 2.
    explicit KFold(int nSplits = 5, bool shuffle = false, std::uint64_t seed = 0);
    std::string typeName() const override { return "KFold"; }
    int splitCount() const override { return m_splits; }
    // Throws DataError when there are fewer rows than folds.
    std::vector<SplitIndices> split(Eigen::Index rows, const Vector* y = nullptr) const override;

private:
    int m_splits;
    bool m_shuffle;
    std::uint64_t m_seed;
};

}  // namespace dslab
