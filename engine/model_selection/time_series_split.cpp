#include "engine/model_selection/time_series_split.h"

#include "engine/core/errors.h"

namespace dslab {

TimeSeriesSplit::TimeSeriesSplit(int nSplits, Eigen::Index maxTrainSize, Eigen::Index testSize, Eigen::Index gap)
    : m_splits(nSplits), m_maxTrainSize(maxTrainSize), m_testSize(testSize), m_gap(gap)
{
    if (nSplits < 2)
        throw ParamError("TimeSeriesSplit: n_splits must be at least 2, not " + std::to_string(nSplits));
    if (gap < 0)
        throw ParamError("TimeSeriesSplit: gap must be 0 or more rows");
}

std::vector<SplitIndices> TimeSeriesSplit::split(Eigen::Index rows, const Vector*) const
{
    const Eigen::Index folds = m_splits + 1;
    const Eigen::Index testSize = m_testSize > 0 ? m_testSize : rows / folds;
    if (folds > rows || testSize < 1)
        throw DataError("TimeSeriesSplit: " + std::to_string(rows) + " rows are too few for " + std::to_string(m_splits)
                        + " splits; use fewer splits");
    if (rows - m_gap - testSize * m_splits <= 0)
        throw DataError("TimeSeriesSplit: " + std::to_string(rows) + " rows leave no training rows for "
                        + std::to_string(m_splits) + " test blocks of " + std::to_string(testSize)
                        + " rows with a gap of " + std::to_string(m_gap) + "; reduce n_splits, test_size or gap");
    std::vector<SplitIndices> out;
    for (Eigen::Index testStart = rows - m_splits * testSize; testStart < rows; testStart += testSize) {
        const Eigen::Index trainEnd = testStart - m_gap;
        const Eigen::Index trainStart = m_maxTrainSize > 0 && m_maxTrainSize < trainEnd ? trainEnd - m_maxTrainSize : 0;
        SplitIndices s;
        for (Eigen::Index i = trainStart; i < trainEnd; ++i)
            s.train.push_back(i);
        for (Eigen::Index i = testStart; i < testStart + testSize; ++i)
            s.test.push_back(i);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace dslab
