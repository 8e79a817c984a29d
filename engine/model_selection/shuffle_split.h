// ShuffleSplit: independent random train/test splits (Monte Carlo
// cross-validation), seeded. Sizes as scikit-learn: test = ceil(testSize * n),
// train = floor(trainSize * n) or the rest.
#pragma once

#include "engine/model_selection/cross_validator.h"

#include <cstdint>

namespace dslab {

class ShuffleSplit : public CrossValidator {
public:
    // testSize in (0, 1); trainSize in (0, 1] or <= 0 for "the rest".
    // Throws ParamError for sizes out of range or nSplits < 1.
    explicit ShuffleSplit(int nSplits = 10, double testSize = 0.1, double trainSize = 0, std::uint64_t seed = 0);
    std::string typeName() const override { return "ShuffleSplit"; }
    int splitCount() const override { return m_splits; }
    // Throws DataError when a part would be empty or both do not fit.
    std::vector<SplitIndices> split(Eigen::Index rows, const Vector* y = nullptr) const override;

private:
    int m_splits;
    double m_testSize;
    double m_trainSize;
    std::uint64_t m_seed;
};

}  // namespace dslab
