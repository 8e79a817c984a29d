#include "engine/model_selection/shuffle_split.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dslab {

ShuffleSplit::ShuffleSplit(int nSplits, double testSize, double trainSize, std::uint64_t seed)
    : m_splits(nSplits), m_testSize(testSize), m_trainSize(trainSize), m_seed(seed)
{
    if (nSplits < 1)
        throw ParamError("ShuffleSplit: n_splits must be at least 1, not " + std::to_string(nSplits));
    if (!(testSize > 0 && testSize < 1))
        throw ParamError("ShuffleSplit: test_size must be a fraction in (0, 1), not " + std::to_string(testSize));
    if (trainSize > 1 || (trainSize > 0 && trainSize + testSize > 1))
        throw ParamError("ShuffleSplit: train_size + test_size must not exceed 1");
}

std::vector<SplitIndices> ShuffleSplit::split(Eigen::Index rows, const Vector*) const
{
    const auto nTest = static_cast<Eigen::Index>(std::ceil(m_testSize * static_cast<double>(rows)));
    const Eigen::Index nTrain = m_trainSize > 0 ? static_cast<Eigen::Index>(std::floor(m_trainSize * static_cast<double>(rows)))
                                                : rows - nTest;
    if (nTrain < 1 || nTest < 1 || nTrain + nTest > rows)
        throw DataError("ShuffleSplit: " + std::to_string(rows) + " rows give " + std::to_string(nTrain)
                        + " training and " + std::to_string(nTest) + " test rows; both parts need at least one");
    SeededRandom rng(m_seed);
    std::vector<SplitIndices> out;
    for (int s = 0; s < m_splits; ++s) {
        IndexList order(static_cast<std::size_t>(rows));
        std::iota(order.begin(), order.end(), Eigen::Index{0});
        rng.shuffle(order);
        SplitIndices split;
        split.test.assign(order.begin(), order.begin() + nTest);
        split.train.assign(order.begin() + nTest, order.begin() + nTest + nTrain);
        out.push_back(std::move(split));
    }
    return out;
}

}  // namespace dslab
