// StratifiedKFold: folds that keep each class's share. Without shuffle the
// fold of every row is scikit-learn 1.2's: classes are taken in order of first
// appearance, and fold i receives the counts of the sorted labels
// y_sorted[i::k], each class's rows filling folds 0, 1, ... in row order.
// With shuffle, each class's fold list is permuted by our seeded generator.
#pragma once

#include "engine/model_selection/cross_validator.h"

#include <cstdint>

namespace dslab {

class StratifiedKFold : public CrossValidator {
public:
    // Throws ParamError when nSplits < 2.
    explicit StratifiedKFold(int nSplits = 5, bool shuffle = false, std::uint64_t seed = 0);
    std::string typeName() const override { return "StratifiedKFold"; }
    int splitCount() const override { return m_splits; }
    // y (class codes) is required. Throws DataError when a class has fewer
    // rows than folds (scikit-learn only warns; a fold without a class then
    // gives undefined scores, so we stop and say what to do).
    std::vector<SplitIndices> split(Eigen::Index rows, const Vector* y) const override;

private:
    int m_splits;
    bool m_shuffle;
    std::uint64_t m_seed;
};

}  // namespace dslab
