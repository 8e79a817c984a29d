// TimeSeriesSplit: expanding-window splits for ordered data, scikit-learn's:
// test blocks of testSize rows (default rows / (nSplits + 1)) at the end, each
// trained on everything before it minus a gap, optionally only the last
// maxTrainSize rows. No row is ever trained on after being tested.
#pragma once

#include "engine/model_selection/cross_validator.h"

namespace dslab {

class TimeSeriesSplit : public CrossValidator {
public:
    // maxTrainSize / testSize <= 0 mean "no limit" / "default". Throws ParamError for nSplits < 2 or gap < 0.
    explicit TimeSeriesSplit(int nSplits = 5, Eigen::Index maxTrainSize = 0, Eigen::Index testSize = 0,
                             Eigen::Index gap = 0);
    std::string typeName() const override { return "TimeSeriesSplit"; }
    int splitCount() const override { return m_splits; }
    // Throws DataError when the rows are too few for the folds, test size and gap.
    std::vector<SplitIndices> split(Eigen::Index rows, const Vector* y = nullptr) const override;

private:
    int m_splits;
    Eigen::Index m_maxTrainSize;
    Eigen::Index m_testSize;
    Eigen::Index m_gap;
};

}  // namespace dslab
